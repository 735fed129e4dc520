// @bidwire/contract: merges the domains and derives every type both sides compile against.
import type { z } from 'zod';
import type { Ack } from './shared.js';
import type { CommandDef, EventDef } from './define.js';
import { auctionCommands, auctionEvents } from './auction.js';
import { timeCommands } from './time.js';
import { deliveryCommands } from './delivery.js';
import { sessionEvents } from './session.js';
import { restRoutes } from './rest.js';
import { chatCommands, chatEvents } from './chat.js';
import { presenceCommands, presenceEvents } from './presence.js';
import { notificationCommands, notificationEvents } from './notifications.js';
import { topicCommands } from './topics.js';
import { domainEvents } from './domain-events.js';
import { serviceRoutes } from './service-api.js';

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

/** Every command a client can send. */
export const commands = {
  ...auctionCommands, ...timeCommands, ...deliveryCommands,
  ...chatCommands, ...presenceCommands, ...notificationCommands, ...topicCommands,
} as const;
/** Every event the server sends. */
export const events = {
  ...auctionEvents, ...sessionEvents,
  ...chatEvents, ...presenceEvents, ...notificationEvents, ...domainEvents,
} as const;

export const contract = { commands, events, rest: restRoutes, service: serviceRoutes } as const;

export type Commands = typeof commands;
export type Events = typeof events;
export type CommandName = keyof Commands;
export type EventName = keyof Events;

/** What a client passes (defaults not yet applied). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives after validation (defaults applied). */
export type CommandPayload<K extends CommandName> = z.output<Commands[K]['request']>;
/** The ack's `data` on success. */
export type CommandResult<K extends CommandName> = z.output<Commands[K]['response']>;
export type CommandErrorCode<K extends CommandName> = Commands[K]['errors'][number];
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

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

// Compile-time guard: every entry really is a command / an event definition.
commands satisfies Record<string, CommandDef>;
events satisfies Record<string, EventDef>;
