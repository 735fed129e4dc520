// Issue 16, item 3: a resync's cost is bounded. `resync { afterSeq: 0 }` on a room with thousands of events
// answers one page (capped in events and bytes) with a continuation; resync has its own rate limit; one user
// flooding it does not keep others from their answers and broadcasts; the SDK follows the pages.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot, record, waitUntil } from './fixtures.js';
import { connectRaw, emitAck, type AckResponse } from './raw-socket.js';
import { fillAuctionLog } from './support/big-room.js';
import { cut, recordSeqs, resilientClient, restore, waitFor } from './support/resilient-client.js';

const BIG = 3_000;
const DEFAULT_PAGE_EVENTS = 500;
const DEFAULT_PAGE_BYTES = 64 * 1024;
const DEFAULT_RESYNC_RATE = 10; // per second, bursts up to twice that

interface Page {
  events: { event: string; payload: { seq: number; replayed?: boolean } }[];
  hasMore: boolean;
  nextAfterSeq: number;
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('resync pages', () => {
  it(`answers a room of ${BIG} events in pages capped in events and bytes, each continuing where the last stopped`, async () => {
    await using t = await startServer({ RATE_LIMITS: 'resync=1000' });
    const [owner, reader] = await Promise.all([t.signIn('Owner'), t.signIn('Reader')]);
    const { auctionId, lot } = await createLiveAuctionWithLot(owner);
    const { last } = await fillAuctionLog(t.server, auctionId, lot.id, BIG);
    const socket = await connectRaw(t.url, { token: reader.token });
    try {
      const seqs: number[] = [];
      let afterSeq = 0;
      let pages = 0;
      for (;;) {
        const ack = await emitAck(socket, 'resync', { room: { type: 'auction', id: auctionId }, afterSeq });
        if (!ack.ok) throw new Error(`resync refused: ${ack.error.message}`);
        const page = ack.data as Page;
        pages++;
        expect(page.events.length).toBeGreaterThan(0);
        expect(page.events.length).toBeLessThanOrEqual(DEFAULT_PAGE_EVENTS);
        expect(bytesOf(page.events)).toBeLessThanOrEqual(DEFAULT_PAGE_BYTES);
        expect(page.events.every((e) => e.payload.replayed === true)).toBe(true);
        expect(page.nextAfterSeq).toBe(page.events.at(-1)!.payload.seq);
        seqs.push(...page.events.map((e) => e.payload.seq));
        afterSeq = page.nextAfterSeq;
        if (!page.hasMore) break;
        expect(pages).toBeLessThan(100);
      }
      expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      // The whole log is well over one page.
      expect(pages).toBeGreaterThan(1);
      // Caught up: an empty last answer says so.
      const done = await emitAck(socket, 'resync', { room: { type: 'auction', id: auctionId }, afterSeq: last });
      expect(done).toEqual({ ok: true, data: { events: [], hasMore: false, nextAfterSeq: last } });
    } finally {
      socket.close();
    }
  });

  it('honours RESYNC_PAGE_MAX_EVENTS and RESYNC_PAGE_MAX_BYTES (always at least one event)', async () => {
    await using t = await startServer({ RESYNC_PAGE_MAX_EVENTS: '7', RESYNC_PAGE_MAX_BYTES: '1024' });
    const [owner, reader] = await Promise.all([t.signIn('Owner'), t.signIn('Reader')]);
    const { auctionId, lot } = await createLiveAuctionWithLot(owner);
    await fillAuctionLog(t.server, auctionId, lot.id, 50);
    const client = await reader.connect();
    const byCount = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: 0 });
    if (!('events' in byCount)) throw new Error('expected events');
    // The first events (auctionStarted, lotOpened) are small: the count cap binds before the byte cap.
    expect(byCount.events.length).toBeLessThanOrEqual(7);
    expect(byCount).toMatchObject({ hasMore: true });
    const bySize = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: 10 });
    if (!('events' in bySize)) throw new Error('expected events');
    expect(bySize.events.length).toBeGreaterThanOrEqual(1);
    expect(bySize.events.length).toBeLessThan(7);
    expect(bytesOf(bySize.events)).toBeLessThanOrEqual(Math.max(1024, bytesOf(bySize.events.slice(0, 1))));
    expect(bySize).toMatchObject({ hasMore: true, nextAfterSeq: 10 + bySize.events.length });
  });
});

describe('a resync flood', () => {
  it('one user flooding resync on a big room is rate-limited and paged, while others keep their answers and bids', async () => {
    await using t = await startServer();
    const [owner, flooder, bidder, watcher] = await Promise.all(['Owner', 'Flooder', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const { last } = await fillAuctionLog(t.server, auctionId, lot.id, BIG);
    const [bidderClient, watcherClient] = await Promise.all([bidder!.connect(), watcher!.connect()]);
    await bidderClient.joinAuction({ auctionId });
    await watcherClient.joinAuction({ auctionId });
    const seen = record(watcherClient, 'bidPlaced');
    const flood = await connectRaw(t.url, { token: flooder!.token });
    try {
      const FLOOD = 100;
      const started = Date.now();
      const answers: Promise<AckResponse>[] = [];
      for (let i = 0; i < FLOOD; i++) answers.push(emitAck(flood, 'resync', { room: { type: 'auction', id: auctionId }, afterSeq: 0 }, 20_000));
      // Meanwhile, the others: clock syncs and bids, each bid broadcast to the watcher.
      const others = Promise.all([
        ...Array.from({ length: 5 }, () => watcherClient.timeSync()),
        (async () => {
          for (const amount of [10_000, 10_010, 10_020]) await bidderClient.placeBid({ auctionId, amount });
        })(),
      ]);
      const floodAnswers = await Promise.all(answers);
      const elapsedSeconds = (Date.now() - started) / 1000;
      await others;
      await waitUntil(() => seen.length === 3, 'the three bids at the watcher', 20_000);
      expect(seen.map((e) => e.highestBid)).toEqual([10_000, 10_010, 10_020]);
      expect(seen.map((e) => e.seq)).toEqual([last + 1, last + 2, last + 3]);

      const served = floodAnswers.filter((a) => a.ok);
      const limited = floodAnswers.filter((a) => !a.ok);
      expect(limited.length).toBeGreaterThan(0);
      for (const a of limited) {
        expect(a).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many resync requests. Slow down and try again shortly.' } });
      }
      // A burst of twice the rate, plus what the bucket refilled while the flood lasted.
      expect(served.length).toBeLessThanOrEqual(2 * DEFAULT_RESYNC_RATE + Math.ceil(DEFAULT_RESYNC_RATE * elapsedSeconds) + 1);
      for (const a of served) {
        const page = (a as { data: Page }).data;
        expect(page.events.length).toBeLessThanOrEqual(DEFAULT_PAGE_EVENTS);
        expect(bytesOf(page.events)).toBeLessThanOrEqual(DEFAULT_PAGE_BYTES);
        expect(page.hasMore).toBe(true);
        expect(page.events[0]!.payload.seq).toBe(1);
      }
      expect(flood.connected).toBe(true);
    } finally {
      flood.close();
    }
  });
});

describe('the SDK catching up across pages', () => {
  it.each([
    ['pages of 5 events', { RESYNC_PAGE_MAX_EVENTS: '5' }],
    ['pages of 5 events at 1 resync per second (the SDK waits out RATE_LIMITED)', { RESYNC_PAGE_MAX_EVENTS: '5', RATE_LIMITS: 'resync=1' }],
  ])('delivers every missed event once, in order, replayed (%s)', async (_label, env) => {
    await using t = await startServer({ CONNECTION_RECOVERY_MS: '0', ...env });
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const bidderClient = await bidder!.connect();
    await bidderClient.joinAuction({ auctionId });
    const client = await resilientClient(t.url, { token: watcher!.token });
    const resyncs: number[] = [];
    // The auction room's pages (the SDK also resyncs the user's own room after a reconnection).
    client.socket.onAnyOutgoing((event: string, payload: { room: { type: string }; afterSeq: number }) => {
      if (event === 'resync' && payload.room.type === 'auction') resyncs.push(payload.afterSeq);
    });
    const seen = recordSeqs(client, 'bidPlaced');
    const { seq: start } = await client.joinAuction({ auctionId });

    await cut(client);
    const MISSED = 23;
    const acked: number[] = [];
    for (let i = 0; i < MISSED; i++) acked.push((await bidderClient.placeBid({ auctionId, amount: 100 + i })).bid.amount);
    await restore(client);
    await waitFor(() => seen.length >= MISSED, `the ${MISSED} missed bids`, 20_000);
    await bidderClient.timeSync();
    await new Promise((r) => setTimeout(r, 100));

    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: MISSED }, (_, i) => start + 1 + i));
    expect(seen.every((s) => s.replayed)).toBe(true);
    expect(seen.map((s) => (s.payload as { highestBid: number }).highestBid)).toEqual(acked);
    // Five pages, each asked from where the last one ended.
    const pageStarts = [...new Set(resyncs)];
    expect(pageStarts).toEqual([0, 5, 10, 15, 20].map((n) => start + n));
    // Live again afterwards.
    await bidderClient.placeBid({ auctionId, amount: 1_000 });
    await waitFor(() => seen.length === MISSED + 1, 'a live bid after the catch-up');
    expect(seen[MISSED]).toMatchObject({ seq: start + MISSED + 1, replayed: false });
  });
});
