// The server as a child process, SIGKILLed in the middle of a bidding burst and started again on the
// same database: every acknowledged bid is kept, clients reconnect and resync, `seq` goes on gap-free.
import type { BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { recordSeqs, resilientClient, waitFor } from './support/resilient-client.js';
import { serverPerTest } from './support/server-per-test.js';
import { signInOverRest } from './support/server-process.js';

const JWT_SECRET = 'restart-test-secret-0123456789abcdefghij';
const signIn = (url: string, name: string) => signInOverRest(url, name, '+1557');

const startServerProcess = serverPerTest();

describe('a server killed with SIGKILL mid-burst and restarted on the same database', () => {
  it('keeps every acknowledged bid; clients resync with nothing missing; seq continues without a gap', async () => {
    const { server } = await startServerProcess({ JWT_SECRET });
    const url = server.url;
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => signIn(url, n)));
    const auction = await owner!.rest.createAuction({ body: { title: 'Crash test' } });
    const ownerClient = await resilientClient(url, { token: owner!.accessToken });
    await ownerClient.startAuction({ auctionId: auction.id });
    const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Indigo', startingPrice: 100 });
    const bidderClient: BidwireClient = await resilientClient(url, { token: bidder!.accessToken });
    await bidderClient.joinAuction({ auctionId: auction.id });
    const watcherClient = await resilientClient(url, { token: watcher!.accessToken });
    const seen = recordSeqs(watcherClient, 'bidPlaced');
    const { seq: start } = await watcherClient.joinAuction({ auctionId: auction.id });
    const states: string[] = [];
    watcherClient.onState((s) => states.push(s));

    const TOTAL = 30;
    const KILL_AFTER = 10;
    const acked: { id: string; amount: number }[] = [];
    const burst = (async () => {
      for (let i = 0; i < TOTAL; i++) {
        const { bid } = await bidderClient.placeBid({ auctionId: auction.id, amount: 100 + i });
        acked.push({ id: bid.id, amount: bid.amount });
      }
    })();
    await waitFor(() => acked.length >= KILL_AFTER, `${KILL_AFTER} acknowledged bids`, 10_000);
    await server.kill(); // a bid is in flight (or about to be) right now
    const ackedBeforeKill = acked.length;
    await server.start();
    await burst;
    expect(ackedBeforeKill).toBeLessThan(TOTAL);

    // Every acknowledged bid is in the history, and nothing else.
    const stored = await bidder!.rest.listBids({ params: { id: auction.id, lotId: lot.id }, query: { limit: 100 } });
    expect(stored.items.map((b) => b.id).sort()).toEqual(acked.map((b) => b.id).sort());
    // The watcher got each bid once, in order, across the crash.
    await waitFor(() => seen.length >= TOTAL, `all ${TOTAL} bids at the watcher`, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((s) => s.seq)).toEqual(acked.map((_, i) => start + 1 + i));
    expect(seen.map((s) => (s.payload as { bid: { id: string } }).bid.id)).toEqual(acked.map((b) => b.id));
    expect(states).toContain('reconnecting');
    // The room log itself is gap-free from 1.
    const history = await watcherClient.resync({ room: { type: 'auction', id: auction.id }, afterSeq: 0 });
    if (!('events' in history)) throw new Error('expected events');
    expect(history.events.map((e) => e.payload.seq)).toEqual(history.events.map((_, i) => i + 1));
  });
});
