// The two shapes the contract is made of: a command (request, response, errors) and an event.
import type { z } from 'zod';
import { COMMON_ERRORS, type ErrorCode } from './errors.js';

export interface CommandDef<
  Req extends z.ZodObject = z.ZodObject,
  Res extends z.ZodType = z.ZodType,
  E extends readonly ErrorCode[] = readonly ErrorCode[],
> {
  request: Req;
  response: Res;
  /** Every error code the command can answer with (the common ones included). */
  errors: E;
  description: string;
  /** The room a successful call puts the socket in (the SDK rejoins it after a reconnection). */
  joins?: RoomBinding;
  /** The room a successful call takes the socket out of. */
  leaves?: RoomBinding;
  /**
   * Sending it twice changes nothing more than sending it once (a read): the SDK may resend it after a
   * dropped connection. Commands with a `requestId`, joins and leaves are resent anyway.
   */
  idempotent?: boolean;
  /**
   * Examples for the generated docs where one made from the schema would not do (a refinement it cannot
   * see); each must satisfy its schema (tested).
   */
  example?: { request?: z.input<Req>; response?: z.output<Res> };
}

/** Rooms whose durable events carry `seq` and can be replayed by `resync` (SPEC §1, §7). */
export const ROOM_TYPES = ['auction', 'conversation', 'topic', 'user', 'game'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

/**
 * Which room a command or event is about: `idField` names the payload field holding the room's id.
 * Without `idField` it is the caller's own room of that type (their user room: id `me`).
 */
export interface RoomBinding<F extends string = string> {
  room: RoomType;
  idField?: F;
}

export function command<
  Req extends z.ZodObject,
  Res extends z.ZodType,
  const E extends readonly ErrorCode[],
>(def: {
  request: Req;
  response: Res;
  errors: E;
  description: string;
  joins?: RoomBinding<keyof z.input<Req> & string>;
  leaves?: RoomBinding<keyof z.input<Req> & string>;
  idempotent?: boolean;
  example?: { request?: z.input<Req>; response?: z.output<Res> };
}): CommandDef<Req, Res, readonly [...typeof COMMON_ERRORS, ...E]> {
  return { ...def, errors: [...COMMON_ERRORS, ...def.errors] };
}

/**
 * Where an event goes. `room`: a durable room event with `seq` and `at` (replayable);
 * `ephemeral`: to a room, no `seq`, never replayed; `global`: to every socket; `socket`: to one socket;
 * `domain`: a marketplace event published by another service — durable (with `seq`/`at`) when delivered
 * to a user or topic room, live-only (no `seq`) when delivered to a role room or to everyone.
 */
export type EventScope = 'room' | 'ephemeral' | 'global' | 'socket' | 'domain';

export interface EventDef<P extends z.ZodType = z.ZodType, S extends EventScope = EventScope> {
  payload: P;
  scope: S;
  description: string;
  /** For durable room events: the room whose `seq` the event carries (the SDK tracks gaps per room). */
  room?: RoomBinding;
  /** Who receives it, where `scope` and `room` do not say (ephemeral events): shown in the generated docs. */
  audience?: string;
  /** An example for the generated docs where one made from the schema would not do; must satisfy the schema. */
  example?: z.output<P>;
}

export function event<P extends z.ZodType, S extends EventScope>(def: {
  payload: P;
  scope: S;
  description: string;
  room?: RoomBinding<keyof z.output<P> & string>;
  audience?: string;
  example?: z.output<P>;
}): EventDef<P, S> {
  return def;
}

/** A REST route: method, path, inputs and result. `auth: 'service'` routes take a service key. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** true: a Bearer access token; false: open; 'service': a Bearer service key (SERVICE_API_KEYS). */
  auth: boolean | 'service';
  status: number;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  description: string;
}
export const route = <const R extends RouteDef>(r: R) => r;

/**
 * One domain's part of the contract: its commands, events and routes. The server implements each domain
 * as one module typed over its slice, so a command or route without server code fails to compile.
 */
export interface ContractSlice {
  commands?: Record<string, CommandDef>;
  events?: Record<string, EventDef>;
  routes?: Record<string, RouteDef>;
}
