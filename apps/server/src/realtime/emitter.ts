// The EventEmitterPort on Socket.IO: how services' events reach sockets.
import type { EventName } from '@bidwire/contract';
import type { EventEmitterPort } from '../core/events.js';
import type { BidwireServer } from './types.js';

export function createSocketEmitter(io: BidwireServer): EventEmitterPort {
  const emit = (room: string, event: EventName, payload: unknown) =>
    (io.to(room).emit as (e: string, p: unknown) => boolean)(event, payload);
  return {
    toRoom: (room, event, payload) => emit(room, event, payload),
    toAll: ({ event, payload }, except = []) => (io.except([...except]).emit as (e: string, p: unknown) => boolean)(event, payload),
    toRooms: (rooms, { event, payload }, except = []) => {
      if (rooms.length === 0) return;
      (io.to([...rooms]).except([...except]).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    send: (outgoing) => {
      for (const o of outgoing) emit(o.room, o.event, o.payload);
    },
  };
}
