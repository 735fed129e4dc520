// Outgoing events: what services hand to the transport once their change is persisted. Services see this
// port, never Socket.IO (realtime/emitter.ts implements it).
import type { DomainEventKey, EventMessage, EventName, EventPayload } from '@bidwire/contract';

/** A durable room event ready to go out once its transaction has committed. */
export interface Outgoing {
  room: string;
  event: EventName;
  payload: unknown;
}

/** A marketplace event and its payload, as the publish API validated them. */
export type DomainMessage = EventMessage<DomainEventKey>;

export interface EventEmitterPort {
  toRoom<K extends EventName>(room: string, event: K, payload: EventPayload<K>): void;
  /** To every socket, but none in a room of `except` (those got a durable copy). */
  toAll(message: EventMessage, except?: readonly string[]): void;
  /** To every socket in any of `rooms` (once each), but none in a room of `except`. */
  toRooms(rooms: readonly string[], message: EventMessage, except?: readonly string[]): void;
  /** Sends durable room events recorded by a committed transaction, in order. */
  send(outgoing: readonly Outgoing[]): void;
}

/**
 * The emitter the app hands out, with an outbox: durable events that may reach their room after the acks of
 * the commands that caused them (SPEC §1: "the room's broadcast may arrive before or after the ack").
 */
export interface RepliesFirstEmitter extends EventEmitterPort {
  /** Sends once the acks of this promise chain have gone (process.nextTick); whatever is emitted meanwhile waits behind, in order. */
  sendAfterReplies(outgoing: readonly Outgoing[]): void;
  /** Sends what waits, now (before an ack that reports room state, and before connections close). */
  flush(): void;
}
