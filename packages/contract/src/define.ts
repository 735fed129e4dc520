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
}): CommandDef<Req, Res, readonly [...typeof COMMON_ERRORS, ...E]> {
  return { ...def, errors: [...COMMON_ERRORS, ...def.errors] };
}

/**
 * Where an event goes. `room`: a durable room event with `seq` and `at` (replayable);
 * `ephemeral`: to a room, no `seq`, never replayed; `global`: to every socket; `socket`: to one socket.
 */
export type EventScope = 'room' | 'ephemeral' | 'global' | 'socket' | 'user';

export interface EventDef<P extends z.ZodType = z.ZodType, S extends EventScope = EventScope> {
  payload: P;
  scope: S;
  description: string;
}

export function event<P extends z.ZodType, S extends EventScope>(def: {
  payload: P;
  scope: S;
  description: string;
}): EventDef<P, S> {
  return def;
}
