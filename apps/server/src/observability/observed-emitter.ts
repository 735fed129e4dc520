// Counts what the services broadcast (bidwire_events_broadcast_total, and bids through their bidPlaced),
// around the emitter port, so neither the services nor the Socket.IO emitter know about metrics.
import type { EventEmitterPort } from '../core/events.js';
import type { Metrics } from './metrics.js';

export function withEmitMetrics(inner: EventEmitterPort, metrics: Pick<Metrics, 'eventBroadcast'>): EventEmitterPort {
  return {
    toRoom(room, event, payload) {
      inner.toRoom(room, event, payload);
      metrics.eventBroadcast(event, payload);
    },
    toAll(message, except) {
      inner.toAll(message, except);
      metrics.eventBroadcast(message.event, message.payload);
    },
    toRooms(rooms, message, except) {
      inner.toRooms(rooms, message, except);
      if (rooms.length > 0) metrics.eventBroadcast(message.event, message.payload);
    },
    send(outgoing) {
      inner.send(outgoing);
      for (const o of outgoing) metrics.eventBroadcast(o.event, o.payload);
    },
  };
}
