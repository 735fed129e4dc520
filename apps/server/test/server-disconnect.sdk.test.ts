// Issue 16, item 4 (the SDK's half): when the server disconnects a socket (`io server disconnect`: a
// restart, a drain, an operator) the SDK reconnects by itself, unless the server ended the session; a
// creating command whose ack was lost is resent with its requestId, so the app learns the real outcome.
import type { BidwireError } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot, listAllBids } from './fixtures.js';
import { resilientClient, waitFor } from './support/resilient-client.js';

describe('a server-side disconnect', () => {
  it('while 20 bids are in flight: the SDK reconnects by itself and reports every stored bid ok', async () => {
    await using t = await startServer({ RATE_LIMITS: 'placeBid=1000' });
    const [owner, bidder] = await Promise.all([t.signIn('Owner'), t.signIn('Bidder')]);
    const { auctionId, lot } = await createLiveAuctionWithLot(owner, { startingPrice: 100 });
    const client = await resilientClient(t.url, { token: bidder.token });
    await client.joinAuction({ auctionId });
    const connects: number[] = [];
    client.socket.on('connect', () => connects.push(Date.now()));
    const reasons: string[] = [];
    client.socket.on('disconnect', (reason) => reasons.push(reason));
    const sent: string[] = [];
    client.socket.onAnyOutgoing((event: string, payload: { requestId: string }) => {
      if (event === 'placeBid') sent.push(payload.requestId);
    });

    // The server cuts every socket right after its 10th bid arrived: some bids are stored, their acks lost.
    let received = 0;
    for (const socket of t.server.io.of('/').sockets.values()) {
      socket.use(([event], next) => {
        if (event === 'placeBid' && ++received === 10) setImmediate(() => t.server.io.disconnectSockets(true));
        next();
      });
    }
    const amounts = Array.from({ length: 20 }, (_, i) => 100 + i * 10);
    const outcomes = await Promise.allSettled(amounts.map((amount) => client.placeBid({ auctionId, amount })));

    expect(reasons[0]).toBe('io server disconnect');
    // Bids whose answer was lost went again, with the same requestId (no id is new).
    expect(sent.length).toBeGreaterThan(20);
    expect(new Set(sent).size).toBe(20);
    await waitFor(() => client.state === 'connected', 'the SDK to reconnect by itself', 10_000);
    expect(connects.length).toBeGreaterThanOrEqual(1);
    const stored = await listAllBids(owner, auctionId, lot.id);
    expect(stored.length).toBeGreaterThan(0);
    const reportedOk = new Map(
      outcomes.flatMap((o) => (o.status === 'fulfilled' ? [[o.value.bid.id, o.value.bid.amount] as const] : [])),
    );
    // Every stored bid was reported ok to its sender, with its own id...
    for (const bid of stored) expect(reportedOk.get(bid.id), `stored bid ${bid.amount}`).toBe(bid.amount);
    // ...nothing reported ok was not stored, and what failed failed for a real reason, not the lost connection.
    expect(reportedOk.size).toBe(stored.length);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as BidwireError).code] : []));
    expect(failures.filter((code) => code !== 'BID_TOO_LOW')).toEqual([]);
    // The client bids on after the reconnection.
    await expect(client.placeBid({ auctionId, amount: 10_000 })).resolves.toMatchObject({ bid: { amount: 10_000 } });
  });

  it('an idle client is reconnected too, and is back in its rooms', async () => {
    await using t = await startServer();
    const [owner, watcher] = await Promise.all([t.signIn('Owner'), t.signIn('Watcher')]);
    const { auctionId, ownerClient } = await createLiveAuctionWithLot(owner, { startingPrice: 100 });
    const client = await resilientClient(t.url, { token: watcher.token });
    await client.joinAuction({ auctionId });
    const seen: number[] = [];
    client.on('bidPlaced', (e) => void seen.push(e.highestBid));
    // Recorded, not polled: the reconnection can take less than a polling interval.
    const states: string[] = [];
    client.onState((state) => states.push(state));
    t.server.io.disconnectSockets(true);
    await waitFor(() => states.length > 0, 'the disconnect');
    expect(states[0]).not.toBe('connected');
    await waitFor(() => client.state === 'connected', 'the SDK to reconnect by itself', 10_000);
    const bidder = await (await t.signIn('Bidder')).connect();
    await bidder.joinAuction({ auctionId });
    await bidder.placeBid({ auctionId, amount: 500 });
    await waitFor(() => seen.includes(500), 'the bid after the reconnection');
    expect(ownerClient.state).toBe('disconnected'); // the harness's own clients never reconnect
  });

  it('disconnected again within a second: it waits out the reconnection delay, and commands sent meanwhile wait too', async () => {
    await using t = await startServer();
    const [owner, watcher] = await Promise.all([t.signIn('Owner'), t.signIn('Watcher')]);
    const { auctionId, ownerClient } = await createLiveAuctionWithLot(owner, { startingPrice: 100 });
    const client = await resilientClient(t.url, { token: watcher.token }, { socketOptions: { reconnectionDelay: 500, reconnectionDelayMax: 500 } });
    await client.joinAuction({ auctionId });
    const seen: number[] = [];
    client.on('bidPlaced', (e) => void seen.push(e.highestBid));
    const states: string[] = [];
    client.onState((state) => states.push(state));
    const connects: number[] = [];
    client.socket.on('connect', () => connects.push(Date.now()));

    t.server.io.disconnectSockets(true);
    await waitFor(() => connects.length === 1, 'the first reconnection');
    const second = Date.now();
    t.server.io.disconnectSockets(true);
    await waitFor(() => client.state !== 'connected', 'the second disconnect');
    // Sent while the client waits out the delay: neither fails nor is lost.
    const sync = client.timeSync();
    const comment = client.postComment({ auctionId, text: 'still here' });
    await expect(sync).resolves.toMatchObject({ serverTime: expect.any(Number) });
    await expect(comment).resolves.toMatchObject({ comment: { text: 'still here' } });
    expect(connects).toHaveLength(2);
    expect(connects[1]! - second).toBeGreaterThanOrEqual(450);
    expect(states).not.toContain('disconnected');
    // Back in its room.
    const bidder = await (await t.signIn('Bidder')).connect();
    await bidder.joinAuction({ auctionId });
    await bidder.placeBid({ auctionId, amount: 700 });
    await waitFor(() => seen.includes(700), 'the bid after the second reconnection');
    expect(ownerClient.state).toBe('disconnected');
  });

  it('does not reconnect once the server ended the session (sessionExpired, no getToken)', async () => {
    await using t = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
    const user = await t.signIn('Expiring');
    const client = await resilientClient(t.url, { token: user.token });
    const expired: unknown[] = [];
    client.on('sessionExpired', (p) => void expired.push(p));
    const reasons: string[] = [];
    client.socket.on('disconnect', (reason) => reasons.push(reason));
    await waitFor(() => client.state === 'disconnected', 'the session to end', 10_000);
    expect(expired).toHaveLength(1);
    expect(reasons).toEqual(['io server disconnect']);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(client.state).toBe('disconnected');
    expect(client.socket.active).toBe(false);
    await expect(client.timeSync()).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('stops when the handshake of the reconnection refuses the token (UNAUTHENTICATED)', async () => {
    await using t = await startServer();
    const user = await t.signIn('Revoked');
    let calls = 0;
    const client = await resilientClient(t.url, { getToken: async () => (calls++ === 0 ? user.token : 'not-a-token') });
    const refusals: unknown[] = [];
    client.onConnectError((e) => void refusals.push(e));
    t.server.io.disconnectSockets(true);
    await waitFor(() => refusals.length > 0, 'the refused handshake', 10_000);
    expect(refusals[0]).toEqual({ message: 'Invalid or expired token', code: 'UNAUTHENTICATED' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(client.state).toBe('disconnected');
    expect(client.socket.active).toBe(false);
    expect(refusals).toHaveLength(1);
  });
});
