// Several server processes on one PostgreSQL database and one Redis (SPEC §9 multi-node mode, issue 5):
// broadcasts, races, viewer counts, presence, timed lots and failover across nodes.
import { describe, expect, it } from 'vitest';
import { BidwireError, createRestClient, type BidwireClient, type EventPayload } from '@bidwire/sdk';
import { resilientClient } from '../support/resilient-client.js';
import { startCluster, startProxy } from './cluster-fixture.js';

type BidEvent = EventPayload<'bidPlaced'>;

function collectBids(client: BidwireClient) {
  const seen: BidEvent[] = [];
  client.on('bidPlaced', (e) => seen.push(e));
  return seen;
}

async function until(what: string, ok: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const RACE_LIMITS = { RATE_LIMITS: '*=1000' };

describe('multi-node mode (two processes, PostgreSQL + Redis)', () => {
  it('delivers every bid to viewers on both nodes in one seq order; races stay atomic across nodes', async () => {
    const cluster = await startCluster(2, RACE_LIMITS);
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const owner = await cluster.signIn('Owner');
    const viewers = await cluster.signInMany('Viewer', 4);
    const bidders = await cluster.signInMany('Bidder', 50);

    const ownerC = await resilientClient(a, { token: owner.token });
    const viewerCs = await Promise.all(viewers.map((v, i) => resilientClient(i % 2 ? b : a, { token: v.token })));
    const bidderCs = await Promise.all(bidders.map((u, i) => resilientClient(i % 2 ? b : a, { token: u.token })));

    const auction = await createRestClient({ baseUrl: a, token: owner.token }).createAuction({ body: { title: 'Across nodes' } });
    const startedOnB = viewerCs[1]!.waitFor('auctionStarted', (p) => p.auction.id === auction.id);
    await ownerC.startAuction({ auctionId: auction.id });
    await startedOnB; // a global event crosses nodes

    for (const c of [...viewerCs, ...bidderCs]) await c.joinAuction({ auctionId: auction.id });
    const seen = viewerCs.map(collectBids);
    await ownerC.openLot({ auctionId: auction.id, product: 'Race lot', startingPrice: 100, minIncrement: 1 });

    // 50 identical bids from both nodes: exactly one wins.
    const same = await Promise.allSettled(bidderCs.map((c) => c.placeBid({ auctionId: auction.id, amount: 100 })));
    expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of same) if (r.status === 'rejected') expect((r.reason as BidwireError).code).toBe('BID_TOO_LOW');

    // 50 distinct amounts from both nodes at once.
    const amounts = bidders.map((_, i) => 101 + ((i * 7919) % 5000) + i);
    const distinct = await Promise.allSettled(bidderCs.map((c, i) => c.placeBid({ auctionId: auction.id, amount: amounts[i]! })));
    const accepted = distinct.flatMap((r) => (r.status === 'fulfilled' ? [r.value.bid] : []));
    for (const r of distinct) if (r.status === 'rejected') expect((r.reason as BidwireError).code).toBe('BID_TOO_LOW');
    const total = 1 + accepted.length;

    await until('every viewer to see every accepted bid', () => seen.every((s) => s.length >= total));
    const reference = seen[0]!.map((e) => [e.seq, e.bid.id, e.highestBid]);
    for (const s of seen) {
      expect(s).toHaveLength(total);
      expect(s.map((e) => [e.seq, e.bid.id, e.highestBid])).toEqual(reference); // same order on both nodes
    }
    const bySeq = [...seen[0]!].sort((x, y) => x.seq - y.seq);
    for (let i = 1; i < bySeq.length; i++) {
      expect(bySeq[i]!.seq).toBe(bySeq[i - 1]!.seq + 1); // gap-free
      expect(bySeq[i]!.highestBid).toBeGreaterThan(bySeq[i - 1]!.highestBid); // strictly increasing
    }
    const persisted = await createRestClient({ baseUrl: b, token: owner.token }).listLots({ params: { id: auction.id } });
    expect(persisted.items[0]).toMatchObject({ bidCount: total, highestBid: bySeq[bySeq.length - 1]!.highestBid });
  });

  it('counts a user with a socket on each node once, as a viewer and as online', async () => {
    const cluster = await startCluster(2, { PRESENCE_GRACE_MS: '300' });
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const [owner, user, friend] = [await cluster.signIn('Owner'), await cluster.signIn('Two tabs'), await cluster.signIn('Friend')];
    const auction = await createRestClient({ baseUrl: a, token: owner.token }).createAuction({ body: { title: 'Counting' } });
    await (await resilientClient(a, { token: owner.token })).startAuction({ auctionId: auction.id });
    await createRestClient({ baseUrl: a, token: friend.token }).createConversation({ body: { participantIds: [user.id] } });

    const friendC = await resilientClient(b, { token: friend.token });
    const tabA = await resilientClient(a, { token: user.token });
    const tabB = await resilientClient(b, { token: user.token });
    expect((await tabA.joinAuction({ auctionId: auction.id })).viewerCount).toBe(1);
    expect((await tabB.joinAuction({ auctionId: auction.id })).viewerCount).toBe(1);
    expect((await friendC.joinAuction({ auctionId: auction.id })).viewerCount).toBe(2);

    const offline: EventPayload<'presenceChanged'>[] = [];
    friendC.on('presenceChanged', (p) => p.userId === user.id && p.status === 'offline' && offline.push(p));
    const status = async () => (await friendC.getPresence({ userIds: [user.id] })).presence[0]?.status;
    expect(await status()).toBe('online');

    tabA.close(); // the other tab, on the other node, keeps the user online and a viewer
    await new Promise((r) => setTimeout(r, 800));
    expect(await status()).toBe('online');
    expect(offline).toHaveLength(0);
    expect((await friendC.joinAuction({ auctionId: auction.id })).viewerCount).toBe(2);

    tabB.close();
    await until('the offline event', () => offline.length === 1, 5_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(offline).toHaveLength(1);
    expect(await status()).toBe('offline');
  });

  it('closes a timed lot exactly once with both nodes running', async () => {
    const cluster = await startCluster(2);
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const [owner, bidder, viewer] = [await cluster.signIn('Owner'), await cluster.signIn('Bidder'), await cluster.signIn('Viewer')];
    const ownerC = await resilientClient(a, { token: owner.token });
    const bidderC = await resilientClient(b, { token: bidder.token });
    const viewerC = await resilientClient(a, { token: viewer.token });
    const auction = await createRestClient({ baseUrl: a, token: owner.token }).createAuction({ body: { title: 'Timed' } });
    await ownerC.startAuction({ auctionId: auction.id });
    await bidderC.joinAuction({ auctionId: auction.id });
    await viewerC.joinAuction({ auctionId: auction.id });
    const closedA: unknown[] = [];
    const closedB: unknown[] = [];
    viewerC.on('lotClosed', (p) => closedA.push(p));
    bidderC.on('lotClosed', (p) => closedB.push(p));
    const { lot } = await ownerC.openLot({ auctionId: auction.id, product: 'Timed lot', startingPrice: 10, durationMs: 1_500, softCloseMs: 0 });
    await bidderC.placeBid({ auctionId: auction.id, amount: 10 });
    await until('the lot to close', () => closedA.length > 0 && closedB.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(closedA).toHaveLength(1);
    expect(closedB).toHaveLength(1);
    const lots = await createRestClient({ baseUrl: b, token: viewer.token }).listLots({ params: { id: auction.id } });
    expect(lots.items).toMatchObject([{ id: lot.id, status: 'sold' }]);
    expect((await createRestClient({ baseUrl: b, token: bidder.token }).myWinnings()).items).toHaveLength(1);
  });

  it('moves the clients of a killed node to the other one, which resyncs them with nothing missing', async () => {
    const cluster = await startCluster(2);
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const [owner, watcher, steady] = [await cluster.signIn('Owner'), await cluster.signIn('Watcher'), await cluster.signIn('Steady')];
    const proxy = await startProxy(a);
    const ownerC = await resilientClient(b, { token: owner.token });
    const steadyC = await resilientClient(b, { token: steady.token });
    const watcherC = await resilientClient(proxy.url, { token: watcher.token });
    const auction = await createRestClient({ baseUrl: b, token: owner.token }).createAuction({ body: { title: 'Failover' } });
    await ownerC.startAuction({ auctionId: auction.id });
    await watcherC.joinAuction({ auctionId: auction.id });
    await steadyC.joinAuction({ auctionId: auction.id });
    const watched = collectBids(watcherC);
    await ownerC.openLot({ auctionId: auction.id, product: 'Failover lot', startingPrice: 1 });
    for (let i = 1; i <= 5; i++) await steadyC.placeBid({ auctionId: auction.id, amount: i });
    await until('the first five bids', () => watched.length === 5);

    await cluster.nodes[0]!.kill();
    proxy.switchTo(b);
    for (let i = 6; i <= 15; i++) await steadyC.placeBid({ auctionId: auction.id, amount: i });

    await until('the watcher to catch up after failover', () => watched.length >= 15, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(watched.map((e) => e.highestBid)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const seqs = watched.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => seqs[0]! + i));
    expect(watched.slice(5).every((e) => e.replayed === true || e.replayed === undefined)).toBe(true);
  });
});
