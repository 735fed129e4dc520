// @bidwire/contract: merges the domains and derives every type both sides compile against.
import type { z } from 'zod';
import type { Ack } from './shared.js';
import type { CommandDef, ContractSlice, EventDef, RouteDef } from './define.js';
import { auctionCommands, auctionEvents } from './auction.js';
import { timeCommands } from './time.js';
import { deliveryCommands } from './delivery.js';
import { sessionEvents } from './session.js';
import { auctionRoutes, authRoutes, categoryRoutes, healthRoutes, restRoutes } from './rest.js';
import { chatCommands, chatEvents } from './chat.js';
import { chatRoutes } from './chat.routes.js';
import { presenceCommands, presenceEvents } from './presence.js';
import { notificationCommands, notificationEvents, notificationRoutes } from './notifications.js';
import { topicCommands } from './topics.js';
import { domainEvents } from './domain-events.js';
import { publishRoutes, serviceRoutes, topicServiceRoutes } from './service-api.js';
import { gameCommands, gameEvents } from './game.js';
import { gameRoutes } from './game.routes.js';

export * from './errors.js';
export * from './shared.js';
export * from './define.js';
export * from './auction.entities.js';
export * from './auction.js';
export * from './time.js';
export * from './delivery.js';
export * from './session.js';
export * from './rest.js';
export * from './paging.js';
export * from './chat.entities.js';
export * from './chat.js';
export * from './chat.routes.js';
export * from './presence.js';
export * from './notifications.js';
export * from './topics.js';
export * from './domain-events.js';
export * from './service-api.js';
export * from './game.entities.js';
export * from './game.js';
export * from './game.routes.js';
export * from './version.js';
export * from './handshake.js';
export * from './json-schema.js';

/**
 * The contract by domain. Each slice is what one server module implements (commands and routes) and
 * emits (events); the flat tables below are derived from it, so a domain is listed once.
 */
export const domains = {
  auth: { routes: authRoutes },
  auction: { commands: auctionCommands, events: auctionEvents, routes: auctionRoutes },
  categories: { routes: categoryRoutes },
  chat: { commands: chatCommands, events: chatEvents, routes: chatRoutes },
  presence: { commands: presenceCommands, events: presenceEvents },
  notifications: { commands: notificationCommands, events: notificationEvents, routes: notificationRoutes },
  topics: { commands: topicCommands, routes: topicServiceRoutes },
  publish: { events: domainEvents, routes: publishRoutes },
  delivery: { commands: deliveryCommands },
  time: { commands: timeCommands },
  session: { events: sessionEvents },
  health: { routes: healthRoutes },
  game: { commands: gameCommands, events: gameEvents, routes: gameRoutes },
} as const satisfies Record<string, ContractSlice>;

export type Domains = typeof domains;
export type DomainName = keyof Domains;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };
/** Every domain's `part` merged into one table, typed key by key. */
type Merged<P extends keyof ContractSlice> = Flatten<
  UnionToIntersection<{ [D in DomainName]: Domains[D] extends { [Q in P]: infer T } ? T : never }[DomainName]>
>;

function merge<P extends keyof ContractSlice>(part: P): Merged<P> {
  const table: Record<string, unknown> = {};
  for (const slice of Object.values(domains) as ContractSlice[]) Object.assign(table, slice[part]);
  return table as Merged<P>;
}

/** Every command a client can send. */
export const commands = merge('commands');
/** Every event the server sends. */
export const events = merge('events');
/** Every REST route: the app-facing ones (`restRoutes`) and the service API (`serviceRoutes`). */
export const routes = merge('routes');

export const contract = { commands, events, rest: restRoutes, service: serviceRoutes } as const;

export type Commands = typeof commands;
export type Events = typeof events;
export type Routes = typeof routes;
export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type RouteName = keyof Routes;

/** What a client passes (defaults not yet applied). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives after validation (defaults applied). */
export type CommandPayload<K extends CommandName> = z.output<Commands[K]['request']>;
/** The ack's `data` on success. */
export type CommandResult<K extends CommandName> = z.output<Commands[K]['response']>;
export type CommandErrorCode<K extends CommandName> = Commands[K]['errors'][number];
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;
/** An event with its payload, as one value (a union over the names in `K`, each with its own payload). */
export type EventMessage<K extends EventName = EventName> = { [E in K]: { event: E; payload: EventPayload<E> } }[K];

type EventsOfScope<S> = { [K in EventName]: Events[K]['scope'] extends S ? K : never }[EventName];
/** Durable room events: they carry `seq` and `at` and can be replayed. */
export type RoomEventName = EventsOfScope<'room'>;
/** Domain events (durable in user and topic rooms, live-only to roles and everyone). */
export type DomainEventKey = EventsOfScope<'domain'>;
/** A durable event as `resync` replays it, typed by its name. */
export type ReplayedRoomEvent = { [K in RoomEventName]: { event: K; payload: EventPayload<K> } }[RoomEventName];

export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandInput<K>, ack?: (response: Ack<CommandResult<K>>) => void) => void;
};
export type ServerToClientEvents = {
  [K in EventName]: (payload: EventPayload<K>) => void;
};

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];
export const routeNames = Object.keys(routes) as RouteName[];

// Compile-time guard: every entry really is a command / an event definition.
commands satisfies Record<string, CommandDef>;
events satisfies Record<string, EventDef>;
routes satisfies Record<string, RouteDef>;
