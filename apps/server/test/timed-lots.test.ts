// Timed lots (SPEC §3): the server awards a lot at its `endsAt` by itself, exactly once, follows soft
// close extensions, refuses late bids, and still closes it once after a restart.
import { describe, expect, it } from 'vitest';
import { createRestClient, type BidwireClient } from '@bidwire/sdk';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { lotOf } from './fixtures.js';
import { recordSeqs, waitFor } from './support/resilient-client.js';
import { createTestDatabase } from './support/test-database.js';

const JWT_SECRET = 'timed-lots-test-secret-0123456789abcdef';

async function liveAuction(t: TestServer) {
  const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => t.signIn(n)));
  const auction = await owner!.rest.createAuction({ body: { title: 'Timed' } });
  const ownerClient = await owner!.connect();
  await ownerClient.startAuction({ auctionId: auction.id });
  const bidderClient = await bidder!.connect();
  await bidderClient.joinAuction({ auctionId: auction.id });
  return { owner: owner!, bidder: bidder!, ownerClient, bidderClient, auctionId: auction.id };
}

const ms = (iso: string | null) => Date.parse(iso ?? 'invalid');

describe('timed lots', () => {
  it('close by themselves at endsAt, exactly once even with racing sweeps, and refuse later bids', async () => {
    await using t = await startServer();
    const { owner, bidder, ownerClient, bidderClient, auctionId } = await liveAuction(t);
    const closes = recordSeqs(bidderClient, 'lotClosed');
    const { lot } = await ownerClient.openLot({ auctionId, product: 'Amber', startingPrice: 100, durationMs: 1_000, softCloseMs: 0 });
    expect(lot.endsAt).not.toBeNull();
    await bidderClient.placeBid({ auctionId, amount: 150 });

    // Other closers race the timer right at the end: only one may win.
    const wait = ms(lot.endsAt) - Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    const swept = await Promise.all(Array.from({ length: 5 }, () => t.server.maintenance.sweepTimedLots()));
    await waitFor(() => closes.length === 1, 'lotClosed', 5_000);
    await new Promise((r) => setTimeout(r, 300));
    await bidderClient.timeSync();

    expect(closes).toHaveLength(1);
    expect(swept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const closed = closes[0]!.payload as { lot: { status: string; closedAt: string }; winner: { id: string } };
    expect(closed.lot.status).toBe('sold');
    expect(closed.winner.id).toBe(bidder.id);
    expect(ms(closed.lot.closedAt)).toBeGreaterThanOrEqual(ms(lot.endsAt));
    expect(ms(closed.lot.closedAt) - ms(lot.endsAt)).toBeLessThan(1_000);
    expect((await bidder.rest.myWinnings()).items).toMatchObject([{ lotId: lot.id, price: 150 }]);
    await expect(bidderClient.placeBid({ auctionId, amount: 500 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await lotOf(owner, auctionId, lot.id)).toMatchObject({ status: 'sold', highestBid: 150, bidCount: 1 });
  });

  it('follow a soft-close extension: lotExtended, and the close waits for the new end', async () => {
    await using t = await startServer();
    const { ownerClient, bidderClient, auctionId } = await liveAuction(t);
    const extended = recordSeqs(bidderClient, 'lotExtended');
    const closes = recordSeqs(bidderClient, 'lotClosed');
    const { lot } = await ownerClient.openLot({ auctionId, product: 'Silk', startingPrice: 100, durationMs: 1_000, softCloseMs: 1_500 });
    // Inside the 1.5 s window from the start: the end moves to now + 1.5 s.
    const { lot: after } = await bidderClient.placeBid({ auctionId, amount: 100 });
    expect(ms(after.endsAt)).toBeGreaterThan(ms(lot.endsAt));
    await waitFor(() => extended.length === 1, 'lotExtended');
    expect(extended[0]!.payload).toMatchObject({ auctionId, lotId: lot.id, endsAt: after.endsAt });

    await new Promise((r) => setTimeout(r, ms(lot.endsAt) - Date.now() + 200));
    expect(closes).toHaveLength(0); // the original end passed, the lot is still open
    await waitFor(() => closes.length === 1, 'lotClosed after the extended end', 5_000);
    const closedAt = ms((closes[0]!.payload as { lot: { closedAt: string } }).lot.closedAt);
    expect(closedAt).toBeGreaterThanOrEqual(ms(after.endsAt));
    expect(closedAt - ms(after.endsAt)).toBeLessThan(1_000);
  });

  it.each([
    ['before its end (the restarted server re-arms the timer)', 0],
    ['after its end (the restarted server closes it at start)', 1_800],
  ])('close once when the server restarts %s', async (_label, downMs) => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url, JWT_SECRET };
      let lotId: string;
      let endsAt: number;
      let auctionId: string;
      let bidder: TestUser;
      // The lot must outlive a restart to test the re-armed timer: measure what a restart costs here
      // (a restart on an already migrated database is much slower on some providers).
      await (await startServer(env)).close();
      const restartStarted = Date.now();
      {
        await using first = await startServer(env);
        const restartMs = Date.now() - restartStarted;
        const durationMs = downMs === 0 ? Math.max(1_500, 2 * restartMs + 1_000) : 1_000;
        const live = await liveAuction(first);
        ({ auctionId, bidder } = live);
        const { lot } = await live.ownerClient.openLot({ auctionId, product: 'Pearls', startingPrice: 100, durationMs, softCloseMs: 0 });
        await live.bidderClient.placeBid({ auctionId, amount: 120 });
        lotId = lot.id;
        endsAt = ms(lot.endsAt);
      }
      await new Promise((r) => setTimeout(r, downMs));
      await using second = await startServer(env);
      if (downMs === 0) expect(Date.now()).toBeLessThan(endsAt); // really restarted before the end
      const viewer: BidwireClient = await (await second.signIn('Viewer')).connect();
      // The bidder's token is still good: the secret is the same on both runs.
      const rest = createRestClient({ baseUrl: second.url, token: bidder.token });
      const lotNow = async () => (await rest.listLots({ params: { id: auctionId } })).items.find((l) => l.id === lotId)!;
      const deadline = endsAt + 3_000;
      let lot = await lotNow();
      while (lot.status === 'open' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        lot = await lotNow();
      }
      expect(lot).toMatchObject({ status: 'sold', highestBid: 120 });
      expect(ms(lot.closedAt)).toBeGreaterThanOrEqual(endsAt);
      if (downMs === 0) expect(ms(lot.closedAt) - endsAt).toBeLessThan(1_000);
      const history = await viewer.resync({ room: { type: 'auction', id: auctionId }, afterSeq: 0 });
      if (!('events' in history)) throw new Error('expected the full history');
      expect(history.events.filter((e) => e.event === 'lotClosed')).toHaveLength(1);
      expect((await rest.myWinnings()).items).toHaveLength(1);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
