// SPEC §7 through the real SDK: a client cut off while bids happen gets exactly the missed events
// after it reconnects, once, in order, marked `replayed`; an in-flight bid is resent, not doubled.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot, listAllBids } from './fixtures.js';
import { cut, recordSeqs, resilientClient, restore, waitFor } from './support/resilient-client.js';

const cases: { name: string; env: Record<string, string>; recovered: boolean }[] = [
  { name: 'with connection state recovery (the fast path)', env: {}, recovered: true },
  { name: 'without connection state recovery (CONNECTION_RECOVERY_MS=0): our resync alone', env: { CONNECTION_RECOVERY_MS: '0' }, recovered: false },
];

describe.each(cases)('reconnection $name', ({ env, recovered }) => {
  it('delivers the 20 bids placed while the client was away exactly once, in order, replayed', async () => {
    await using t = await startServer(env);
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const bidderClient = await bidder!.connect();
    await bidderClient.joinAuction({ auctionId });
    const client = await resilientClient(t.url, { token: watcher!.token });
    const seen = recordSeqs(client, 'bidPlaced');
    const snapshot = await client.joinAuction({ auctionId });

    for (const amount of [100, 110, 120]) await bidderClient.placeBid({ auctionId, amount });
    await waitFor(() => seen.length === 3, 'the first 3 bids live');

    await cut(client);
    const acked: number[] = [];
    for (let i = 0; i < 20; i++) acked.push((await bidderClient.placeBid({ auctionId, amount: 200 + i * 10 })).bid.amount);
    await restore(client);
    expect(client.socket.recovered === true).toBe(recovered);
    await waitFor(() => seen.length >= 23, 'the 20 missed bids');
    // Anything extra (a duplicate) would arrive with the replay: give it a moment, then count.
    await bidderClient.timeSync();
    await new Promise((r) => setTimeout(r, 100));

    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: 23 }, (_, i) => snapshot.seq + 1 + i));
    expect(seen.slice(0, 3).every((s) => !s.replayed)).toBe(true);
    expect(seen.slice(3).every((s) => s.replayed)).toBe(true);
    expect(seen.slice(3).map((s) => (s.payload as { highestBid: number }).highestBid)).toEqual(acked);

    // Back in the room: live events flow again, not replayed, and the client may bid.
    await bidderClient.placeBid({ auctionId, amount: 1_000 });
    await waitFor(() => seen.length === 24, 'a live bid after the replay');
    expect(seen[23]).toMatchObject({ seq: snapshot.seq + 24, replayed: false });
    await expect(client.placeBid({ auctionId, amount: 1_010 })).resolves.toMatchObject({ bid: { amount: 1_010 } });
  });

  it('resends a placeBid that was in flight when the connection dropped, with the same requestId: one bid, one ack', async () => {
    await using t = await startServer(env);
    const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => t.signIn(n)));
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const client = await resilientClient(t.url, { token: bidder!.token });
    await client.joinAuction({ auctionId });
    const sent: { requestId: string }[] = [];
    client.socket.onAnyOutgoing((event: string, payload: { requestId: string }) => {
      if (event === 'placeBid') sent.push(payload);
    });

    const bid = client.placeBid({ auctionId, amount: 500 });
    client.socket.io.engine.close(); // the packet is flushed, then the transport closes: the ack is lost
    const result = await bid;

    expect(result.bid.amount).toBe(500);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    const stored = await listAllBids(owner!, auctionId, lot.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: result.bid.id, amount: 500 });
  });
});

describe('a connection that does not come back', () => {
  it('fails a waiting command with a clear DISCONNECTED error after offlineTimeoutMs', async () => {
    await using t = await startServer();
    const user = await t.signIn('Alone');
    const client = await resilientClient(t.url, { token: user.token }, { offlineTimeoutMs: 300 });
    await cut(client);
    const started = Date.now();
    await expect(client.timeSync()).rejects.toMatchObject({
      name: 'BidwireError',
      code: 'DISCONNECTED',
      command: 'timeSync',
      message: 'The connection did not come back within 300 ms; timeSync was not sent.',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
