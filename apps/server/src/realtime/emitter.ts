// Where services send events, once their change is persisted. Services see this port, not Socket.IO.
import type { EventName, EventPayload } from '@bidwire/contract';
import type { Outgoing } from '../modules/rooms/room-log.js';
import type { BidwireServer } from './types.js';

export interface EventEmitterPort {
  toRoom<K extends EventName>(room: string, event: K, payload: EventPayload<K>): void;
  /** To every socket, but none in a room of `except` (those got a durable copy). */
  toAll<K extends EventName>(event: K, payload: EventPayload<K>, except?: readonly string[]): void;
  /** To every socket in any of `rooms` (once each), but none in a room of `except`. */
  toRooms<K extends EventName>(rooms: readonly string[], event: K, payload: EventPayload<K>, except?: readonly string[]): void;
  /** Sends durable room events recorded by a committed transaction, in order. */
  send(outgoing: readonly Outgoing[]): void;
}

export function createSocketEmitter(io: BidwireServer): EventEmitterPort {
  const emit = (room: string, event: EventName, payload: unknown) =>
    (io.to(room).emit as (e: string, p: unknown) => boolean)(event, payload);
  return {
    toRoom: (room, event, payload) => emit(room, event, payload),
    toAll: (event, payload, except = []) => (io.except([...except]).emit as (e: string, p: unknown) => boolean)(event, payload),
    toRooms: (rooms, event, payload, except = []) => {
      if (rooms.length === 0) return;
      (io.to([...rooms]).except([...except]).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    send: (outgoing) => {
      for (const o of outgoing) emit(o.room, o.event, o.payload);
    },
  };
}
