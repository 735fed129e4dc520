// Maximum (proxy) bids under contention on two server processes (PostgreSQL + Redis): 50 bidders with maxima
// send at once, half through each node. The server's recorded order (the bidPlaced seq) replayed through the
// reference model gives exactly the bids it recorded, automatic ones included, and the final lot; no two accepted
// manual bids share an amount; every acknowledged bid is persisted; `outbid` reached whoever the model says.
import { createRestClient, type BidwireError, type EventPayload } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { ProxyModel } from '../support/proxy-model.js';
import { resilientClient } from '../support/resilient-client.js';
import { startCluster } from './cluster-fixture.js';

const N = 50;
const STARTING_PRICE = 100;
const MIN_INCREMENT = 5;

async function until(what: string, ok: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('maximum bids on two nodes', () => {
  it('50 bidders with maxima at once: the recorded order through the model gives the server’s bids and lot', async () => {
    const cluster = await startCluster(2, { RATE_LIMITS: 'placeBid=1000,*=1000' });
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const owner = await cluster.signIn('Owner');
    const viewerUser = await cluster.signIn('Viewer');
    const bidders = await cluster.signInMany('Proxy bidder', N);
    const ownerC = await resilientClient(a, { token: owner.token });
    const viewer = await resilientClient(b, { token: viewerUser.token });
    const clients = await Promise.all(bidders.map((u, i) => resilientClient(i % 2 ? b : a, { token: u.token })));

    const auction = await createRestClient({ baseUrl: a, token: owner.token }).createAuction({ body: { title: 'Proxies across nodes' } });
    await ownerC.startAuction({ auctionId: auction.id });
    for (const c of [viewer, ...clients]) await c.joinAuction({ auctionId: auction.id });
    const placed: EventPayload<'bidPlaced'>[] = [];
    viewer.on('bidPlaced', (e) => placed.push(e));
    const outbid = new Map<string, number>();
    clients.forEach((c, i) => c.on('outbid', () => outbid.set(bidders[i]!.id, (outbid.get(bidders[i]!.id) ?? 0) + 1)));
    const { lot } = await ownerC.openLot({ auctionId: auction.id, product: 'Contested', startingPrice: STARTING_PRICE, minIncrement: MIN_INCREMENT });

    // Distinct amounts rising about 40 per bidder, most with a maximum up to 90 above (every fifth bidder states
    // none): sent at once, they meet each other's maxima in whatever order the two nodes take them.
    const offers = bidders.map((u, i) => {
      const amount = STARTING_PRICE + i * 40 + ((i * 7_919) % 30);
      return { userId: u.id, amount, maxAmount: i % 5 === 0 ? undefined : amount + ((i * 104_729) % 90) };
    });
    const results = await Promise.allSettled(
      clients.map((c, i) => c.placeBid({ auctionId: auction.id, amount: offers[i]!.amount, ...(offers[i]!.maxAmount ? { maxAmount: offers[i]!.maxAmount } : {}) })),
    );
    const acks = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) if (r.status === 'rejected') expect((r.reason as BidwireError).code).toBe('BID_TOO_LOW');
    expect(acks.length).toBeGreaterThan(1);
    const total = Math.max(...acks.map((ack) => ack.lot.bidCount));
    await until(`${total} bidPlaced on the viewer`, () => placed.length >= total);

    // The server's order, replayed through the model: the manual bids in seq order.
    const bySeq = [...placed].sort((x, y) => x.seq - y.seq);
    bySeq.forEach((e, i) => i > 0 && expect(e.seq).toBe(bySeq[i - 1]!.seq + 1));
    const manual = bySeq.filter((e) => !e.bid.auto);
    expect(new Set(manual.map((e) => e.bid.amount)).size).toBe(manual.length); // no two accepted manual bids share an amount
    expect(manual.map((e) => e.bid.id).sort()).toEqual(acks.map((ack) => ack.bid.id).sort());
    const model = new ProxyModel(STARTING_PRICE, MIN_INCREMENT);
    const expectedOutbid = new Map<string, number>();
    for (const e of manual) {
      const offer = offers.find((o) => o.userId === e.bid.user.id && o.amount === e.bid.amount)!;
      const step = model.place(offer.userId, offer.amount, offer.maxAmount);
      if (!step.ok) throw new Error(`the model refuses ${offer.amount} by ${offer.userId}, which the server accepted`);
      for (const id of step.outbid) expectedOutbid.set(id, (expectedOutbid.get(id) ?? 0) + 1);
    }
    expect(bySeq.map((e) => ({ userId: e.bid.user.id, amount: e.bid.amount, auto: e.bid.auto, highestBid: e.highestBid, bidCount: e.bidCount }))).toEqual(
      model.bids,
    );

    // Every acknowledged bid is persisted, and the lot is the model's.
    const rest = createRestClient({ baseUrl: b, token: owner.token });
    const stored = [];
    for (let cursor: string | undefined, page = 0; page < 20; page++) {
      const res = await rest.listBids({ params: { id: auction.id, lotId: lot.id }, query: cursor ? { cursor, limit: 100 } : { limit: 100 } });
      stored.push(...res.items);
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(stored.map((bid) => bid.id).sort()).toEqual(bySeq.map((e) => e.bid.id).sort());
    const lots = await rest.listLots({ params: { id: auction.id } });
    expect(lots.items[0]).toMatchObject({ bidCount: model.bidCount, highestBid: model.highestBid });

    await until('every outbid', () => [...expectedOutbid].every(([id, n]) => (outbid.get(id) ?? 0) >= n));
    expect(Object.fromEntries(outbid)).toEqual(Object.fromEntries(expectedOutbid));
    const award = await ownerC.awardLot({ auctionId: auction.id });
    expect({ winner: award.winner?.id, price: award.winning?.price }).toEqual({ winner: model.leader, price: model.highestBid });
  });
});
