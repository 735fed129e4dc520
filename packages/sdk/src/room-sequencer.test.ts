// RoomSequencer without sockets: duplicates dropped, gaps resynced, held events released in order.
import type { ResyncResult, RoomRef } from '@bidwire/contract';
import { describe, expect, it, vi } from 'vitest';
import { RoomSequencer } from './room-sequencer.js';

const room: RoomRef = { type: 'auction', id: 'a1' };
const bid = (seq: number, extra: Record<string, unknown> = {}) => ({ auctionId: 'a1', seq, at: 'now', ...extra });

function setup(resync: (room: RoomRef, after: number) => Promise<ResyncResult> = async (_r, after) => ({ events: [], hasMore: false, nextAfterSeq: after })) {
  const delivered: { event: string; seq: number; replayed: boolean }[] = [];
  const snapshots: unknown[] = [];
  const resyncSpy = vi.fn(resync);
  const seq = new RoomSequencer({
    resync: resyncSpy,
    deliver: (event, p) => delivered.push({ event, seq: (p as { seq: number }).seq, replayed: (p as { replayed?: boolean }).replayed === true }),
    snapshot: (_r, s) => snapshots.push(s),
  });
  return { seq, delivered, snapshots, resync: resyncSpy };
}

async function joinedAt(s: RoomSequencer, at: number) {
  s.joining(room);
  await s.joined(room, at);
}

describe('RoomSequencer', () => {
  it('passes events of rooms never joined through unchanged', () => {
    const { seq, delivered } = setup();
    seq.incoming('bidPlaced', bid(1));
    seq.incoming('bidPlaced', bid(1));
    seq.incoming('viewerCountChanged', { auctionId: 'a1', viewerCount: 2 });
    expect(delivered.map((d) => d.event)).toEqual(['bidPlaced', 'bidPlaced', 'viewerCountChanged']);
  });

  it('drops what the join snapshot already holds and duplicates', async () => {
    const { seq, delivered } = setup();
    seq.joining(room);
    seq.incoming('bidPlaced', bid(4)); // before the join's answer: held
    seq.incoming('bidPlaced', bid(6));
    await seq.joined(room, 5);
    seq.incoming('bidPlaced', bid(6));
    seq.incoming('bidPlaced', bid(7));
    expect(delivered.map((d) => d.seq)).toEqual([6, 7]);
  });

  it('a rejoin whose snapshot holds nothing new asks the server nothing and goes on delivering', async () => {
    const { seq, delivered, resync } = setup();
    await joinedAt(seq, 3);
    seq.incoming('bidPlaced', bid(4));
    seq.joining(room); // the app joins the room again
    seq.incoming('bidPlaced', bid(5)); // held until the answer, which reflects it
    await seq.joined(room, 5);
    seq.incoming('bidPlaced', bid(6));
    expect(delivered.map((d) => d.seq)).toEqual([4, 5, 6]);
    expect(resync).not.toHaveBeenCalled();
  });

  it('a rejoin whose snapshot is ahead of what the room has resyncs the difference', async () => {
    const { seq, delivered, resync } = setup(async (_r, after) => ({
      events: [after + 1, after + 2].map((s) => ({ event: 'bidPlaced', payload: { ...bid(s), replayed: true } })),
      hasMore: false,
      nextAfterSeq: after + 2,
    }));
    await joinedAt(seq, 3);
    seq.joining(room);
    await seq.joined(room, 5); // 4 and 5 never reached this client
    expect(resync).toHaveBeenCalledWith(room, 3);
    expect(delivered.map((d) => [d.seq, d.replayed])).toEqual([[4, true], [5, true]]);
  });

  it('resyncs on a gap and delivers the missing events once, in order, before the held ones', async () => {
    const { seq, delivered, resync } = setup(async (_r, after) => ({
      events: [after + 1, after + 2, after + 3].map((s) => ({ event: 'bidPlaced', payload: { ...bid(s), replayed: true } })),
      hasMore: false,
      nextAfterSeq: after + 3,
    }));
    await joinedAt(seq, 1);
    seq.incoming('bidPlaced', bid(2));
    seq.incoming('bidPlaced', bid(4)); // 3 was lost
    seq.incoming('bidPlaced', bid(5));
    await vi.waitFor(() => expect(delivered).toHaveLength(4));
    expect(resync).toHaveBeenCalledWith(room, 2);
    expect(delivered).toEqual([
      { event: 'bidPlaced', seq: 2, replayed: false },
      { event: 'bidPlaced', seq: 3, replayed: true },
      { event: 'bidPlaced', seq: 4, replayed: true },
      { event: 'bidPlaced', seq: 5, replayed: true },
    ]);
  });

  it('applies a snapshot when the gap is too old, then goes on from its seq', async () => {
    const { seq, delivered, snapshots } = setup(async () => ({ snapshot: { seq: 10, serverTime: 0 } }));
    await joinedAt(seq, 1);
    seq.incoming('bidPlaced', bid(9));
    seq.incoming('bidPlaced', bid(11));
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(snapshots).toEqual([{ seq: 10, serverTime: 0 }]);
    expect(delivered.map((d) => d.seq)).toEqual([11]);
  });

  it('holds events during a reconnection pause and releases them after the replay', async () => {
    const { seq, delivered } = setup(async () => ({
      events: [2, 3].map((s) => ({ event: 'bidPlaced', payload: { ...bid(s), replayed: true } })),
      hasMore: false,
      nextAfterSeq: 3,
    }));
    await joinedAt(seq, 1);
    seq.pauseAll();
    seq.incoming('bidPlaced', bid(3)); // e.g. delivered by connection state recovery
    seq.incoming('bidPlaced', bid(4));
    expect(delivered).toEqual([]);
    await seq.release(room);
    expect(delivered.map((d) => [d.seq, d.replayed])).toEqual([[2, true], [3, true], [4, false]]);
  });

  it('gives up on a hole the server cannot fill after a few resyncs, delivering what it has', async () => {
    const { seq, delivered, resync } = setup(async (_r, after) => ({ events: [], hasMore: false, nextAfterSeq: after }));
    await joinedAt(seq, 1);
    seq.incoming('bidPlaced', bid(3));
    await vi.waitFor(() => expect(delivered.map((d) => d.seq)).toEqual([3]));
    expect(resync.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('follows the pages of a long catch-up: every event once, in order, before the held ones', async () => {
    const page = (after: number) => {
      const seqs = [after + 1, after + 2, after + 3].filter((s) => s <= 10);
      const events = seqs.map((s) => ({ event: 'bidPlaced', payload: { ...bid(s), replayed: true } }));
      return { events, hasMore: seqs.at(-1)! < 10, nextAfterSeq: seqs.at(-1)! };
    };
    const { seq, delivered, resync } = setup(async (_r, after) => page(after));
    await joinedAt(seq, 1);
    seq.pauseAll();
    seq.incoming('bidPlaced', bid(11));
    await seq.release(room);
    expect(resync.mock.calls.map((c) => c[1])).toEqual([1, 4, 7]);
    expect(delivered.map((d) => [d.seq, d.replayed])).toEqual([
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [s, true]),
      [11, false],
    ]);
  });

  it('waits out a RATE_LIMITED page and asks for it again', async () => {
    let calls = 0;
    const { seq, delivered, resync } = setup(async (_r, after) => {
      if (++calls === 1) throw Object.assign(new Error('Too many resync requests.'), { code: 'RATE_LIMITED' });
      return { events: [{ event: 'bidPlaced', payload: { ...bid(after + 1), replayed: true } }], hasMore: false, nextAfterSeq: after + 1 };
    });
    await joinedAt(seq, 1);
    seq.pauseAll();
    await seq.release(room);
    expect(resync.mock.calls.map((c) => c[1])).toEqual([1, 1]);
    expect(delivered.map((d) => d.seq)).toEqual([2]);
  });
});
