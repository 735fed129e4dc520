// The outbox's order rules, on a recording emitter: what waits goes after the promise chain that queued it,
// everything emitted meanwhile queues behind it, flush sends at once and nothing twice.
import { describe, expect, it } from 'vitest';
import type { EventEmitterPort, Outgoing } from '../core/events.js';
import { withRepliesFirst } from './replies-first.js';

function recording() {
  const log: string[] = [];
  const inner: EventEmitterPort = {
    toRoom: (room, event) => void log.push(`${event}@${room}`),
    toAll: ({ event }) => void log.push(`${event}@all`),
    toRooms: (rooms, { event }) => void log.push(`${event}@${rooms.join('+')}`),
    send: (outgoing) => {
      for (const o of outgoing) log.push(`${o.event}@${o.room}`);
    },
  };
  return { log, emitter: withRepliesFirst(inner) };
}

const bid = (room: string): Outgoing => ({ room, event: 'bidPlaced', payload: {} });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('withRepliesFirst', () => {
  it('sends events queued in a promise continuation after the rest of that promise chain (the acks)', async () => {
    const { log, emitter } = recording();
    await Promise.resolve().then(async () => {
      emitter.sendAfterReplies([bid('auction:a')]);
      // The handler's and bind.ts's continuations that write the ack.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      log.push('ack');
    });
    await tick();
    expect(log).toEqual(['ack', 'bidPlaced@auction:a']);
  });

  it('queues every other emit behind what waits, in the order of the calls', async () => {
    const { log, emitter } = recording();
    emitter.sendAfterReplies([bid('auction:a')]);
    emitter.toRoom('auction:a', 'viewerCountChanged', { auctionId: 'a', viewerCount: 1 });
    emitter.send([{ room: 'auction:a', event: 'lotClosed', payload: {} }]);
    // Cast: the recording emitter reads only the event name, so the payload is left empty.
    emitter.toAll({ event: 'offerReceived', payload: {} } as never);
    expect(log).toEqual([]);
    await tick();
    expect(log).toEqual(['bidPlaced@auction:a', 'viewerCountChanged@auction:a', 'lotClosed@auction:a', 'offerReceived@all']);
    // Nothing waits now: emits go at once again.
    // Cast: as above, the payload is never read.
    emitter.toRooms(['user:u'], { event: 'notification', payload: {} } as never);
    expect(log.at(-1)).toBe('notification@user:u');
  });

  it('flush sends what waits at once, and the scheduled send then has nothing left to send', async () => {
    const { log, emitter } = recording();
    emitter.sendAfterReplies([bid('auction:a'), bid('auction:b')]);
    emitter.flush();
    expect(log).toEqual(['bidPlaced@auction:a', 'bidPlaced@auction:b']);
    await tick();
    expect(log).toHaveLength(2);
  });

  it('one send that throws does not hold back the others; the error surfaces', () => {
    const log: string[] = [];
    let calls = 0;
    const emitter = withRepliesFirst({
      toRoom: () => undefined,
      toAll: () => undefined,
      toRooms: () => undefined,
      send: (outgoing) => {
        if (calls++ === 0) throw new Error('broken');
        for (const o of outgoing) log.push(o.room);
      },
    });
    emitter.sendAfterReplies([bid('auction:a')]);
    emitter.sendAfterReplies([bid('auction:b')]);
    expect(() => emitter.flush()).toThrow('broken');
    expect(log).toEqual(['auction:b']);
  });
});
