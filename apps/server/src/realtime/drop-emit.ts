// Test hook (BIDWIRE_TEST_DROP_EMIT=<event>:<n>): the n-th emit of one event is skipped, as if the
// packet were lost on the way, so tests can prove that clients detect the seq gap and resync.
// The event is still persisted; only its live delivery is dropped. Refused in production (config.ts).
import type { EventEmitterPort } from '../core/events.js';

export function withDroppedEmit(inner: EventEmitterPort, drop: { event: string; nth: number } | undefined): EventEmitterPort {
  if (!drop) return inner;
  let seen = 0;
  const dropped = (event: string) => event === drop.event && ++seen === drop.nth;
  return {
    ...inner,
    toRoom: (room, event, payload) => {
      if (!dropped(event)) inner.toRoom(room, event, payload);
    },
    send: (outgoing) => inner.send(outgoing.filter((o) => !dropped(o.event))),
  };
}
