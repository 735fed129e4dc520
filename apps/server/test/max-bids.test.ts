// SPEC §3 "Maximum (proxy) bids", case by case through real sockets: the server bids for a user up to their
// maximum, one automatic bid right after the bid that triggers it, `outbid` to whoever lost the lead, the
// maximum shown to its owner only, raises without a bid, idempotent retries, soft close and the award.
import { BidwireError, type BidwireClient, type EventPayload } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { createLiveAuctionWithLot, flush, joinAll, listAllBids, lotOf, record, signInMany, waitUntil } from './fixtures.js';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('accepted, but should have been refused');
    },
    (error: unknown) => error,
  );

type Placed = EventPayload<'bidPlaced'>;
/** The bids a viewer saw, as [bidder, amount, auto, highestBid, bidCount]. */
const summary = (events: Placed[], names: Map<string, string>) =>
  events.map((e) => [names.get(e.bid.user.id), e.bid.amount, e.bid.auto, e.highestBid, e.bidCount]);

async function setup(t: TestServer, lotFields: { durationMs?: number; softCloseMs?: number } = {}) {
  const [owner, alice, bob, carol, viewerUser] = await signInMany(t, 5, 'Proxy');
  const live = await createLiveAuctionWithLot(owner!, { startingPrice: 100, minIncrement: 10, lotFields });
  const [a, b, c, viewer] = await joinAll([alice!, bob!, carol!, viewerUser!], live.auctionId);
  const names = new Map([[alice!.id, 'alice'], [bob!.id, 'bob'], [carol!.id, 'carol']]);
  const placed = record(viewer!, 'bidPlaced');
  return {
    ...live,
    owner: owner!,
    users: { alice: alice!, bob: bob!, carol: carol! },
    alice: a!,
    bob: b!,
    carol: c!,
    viewer: viewer!,
    names,
    placed,
    extended: record(viewer!, 'lotExtended'),
    outbid: { alice: record(a!, 'outbid'), bob: record(b!, 'outbid'), carol: record(c!, 'outbid') },
    /**
     * Every broadcast and user-room event sent so far has arrived: `bids` broadcasts at least (with Redis a broadcast
     * may come after a later ack), then a round trip on every client.
     */
    settle: async (bids: number, until: () => boolean = () => true) => {
      await waitUntil(() => placed.length >= bids && until(), `${bids} bidPlaced`);
      await Promise.all([viewer!, a!, b!, c!].map(flush));
    },
  };
}

describe('maximum (proxy) bids', () => {
  it('outbid by a proxy: a higher bid is answered by one automatic bid right after it, and its bidder is told', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const first = await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    expect(first).toMatchObject({ bid: { amount: 100, auto: false }, lot: { highestBid: 100, bidCount: 1 }, myMaxBid: 500 });

    const beaten = await s.bob.placeBid({ auctionId: s.auctionId, amount: 200 });
    // The ack: bob's own bid, the lot after the automatic bid it caused, bob's maximum (his bid).
    expect(beaten).toMatchObject({ bid: { amount: 200, auto: false, user: { id: s.users.bob.id } }, lot: { highestBid: 210, bidCount: 3 }, myMaxBid: 200 });
    await s.settle(3, () => s.outbid.bob.length >= 1);
    expect(summary(s.placed, s.names)).toEqual([
      ['alice', 100, false, 100, 1],
      ['bob', 200, false, 200, 2], // the trigger carries the lot as its own bid left it
      ['alice', 210, true, 210, 3], // then the automatic bid, with the final state
    ]);
    expect(s.placed[2]!.seq).toBe(s.placed[1]!.seq + 1);
    expect(s.outbid.bob).toMatchObject([{ auctionId: s.auctionId, lotId: s.lot.id, highestBid: 210 }]);
    expect(s.outbid.alice).toEqual([]);

    // Up to the maximum, and no further: 600 beats alice's 500 and nothing answers it.
    await s.bob.placeBid({ auctionId: s.auctionId, amount: 300 });
    const over = await s.bob.placeBid({ auctionId: s.auctionId, amount: 600 });
    expect(over).toMatchObject({ lot: { highestBid: 600, bidCount: 6 }, myMaxBid: 600 });
    await s.settle(6, () => s.outbid.bob.length >= 2 && s.outbid.alice.length >= 1);
    expect(summary(s.placed.slice(3), s.names)).toEqual([
      ['bob', 300, false, 300, 4],
      ['alice', 310, true, 310, 5],
      ['bob', 600, false, 600, 6],
    ]);
    expect(s.outbid.bob.map((e) => e.highestBid)).toEqual([210, 310]);
    expect(s.outbid.alice.map((e) => e.highestBid)).toEqual([600]);
  });

  it('beating a proxy: a higher maximum takes the lead, bidding only the best other maximum + minIncrement', async () => {
    await using t = await startServer();
    const s = await setup(t);
    await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    const ack = await s.bob.placeBid({ auctionId: s.auctionId, amount: 150, maxAmount: 1_000 });
    expect(ack).toMatchObject({ bid: { amount: 150, auto: false }, lot: { highestBid: 510, bidCount: 3 }, myMaxBid: 1_000 });
    await s.settle(3, () => s.outbid.alice.length >= 1);
    expect(summary(s.placed, s.names)).toEqual([
      ['alice', 100, false, 100, 1],
      ['bob', 150, false, 150, 2],
      ['bob', 510, true, 510, 3],
    ]);
    expect(s.outbid.alice.map((e) => e.highestBid)).toEqual([510]);
    expect(s.outbid.bob).toEqual([]);
  });

  it('tie of maxima: the one set first leads, its automatic bid equals the trigger, and it wins the award', async () => {
    await using t = await startServer();
    const s = await setup(t);
    await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    const tie = await s.bob.placeBid({ auctionId: s.auctionId, amount: 500, maxAmount: 500 });
    expect(tie).toMatchObject({ bid: { amount: 500 }, lot: { highestBid: 500, bidCount: 3 }, myMaxBid: 500 });
    await s.settle(3, () => s.outbid.bob.length >= 1);
    expect(summary(s.placed, s.names)).toEqual([
      ['alice', 100, false, 100, 1],
      ['bob', 500, false, 500, 2],
      ['alice', 500, true, 500, 3],
    ]);
    expect(s.outbid.bob.map((e) => e.highestBid)).toEqual([500]);

    // Newest first: alice's automatic 500 came after bob's 500.
    const stored = await listAllBids(s.owner, s.auctionId, s.lot.id);
    expect(stored.map((b) => [s.names.get(b.user.id), b.amount, b.auto])).toEqual([['alice', 500, true], ['bob', 500, false], ['alice', 100, false]]);
    const award = await s.ownerClient.awardLot({ auctionId: s.auctionId });
    expect(award).toMatchObject({ winner: { id: s.users.alice.id }, winningBid: { amount: 500, auto: true }, winning: { price: 500 }, lot: { status: 'sold' } });
  });

  it('raising your own maximum: no bid and no broadcast; the ack answers your leading bid and the new myMaxBid', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const lead = await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 300 });
    const raised = await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 800 });
    expect(raised).toEqual({ bid: lead.bid, lot: lead.lot, myMaxBid: 800 });
    await s.settle(1);
    expect(s.placed).toHaveLength(1);
    expect(await listAllBids(s.owner, s.auctionId, s.lot.id)).toHaveLength(1);

    // A non-leader cannot "raise": the current highest is too low for them.
    expect(await refusal(s.bob.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 900 }))).toMatchObject({ code: 'BID_TOO_LOW', details: { minimumBid: 110 } });
    // The raised maximum holds: 500 is answered at 510.
    expect(await s.bob.placeBid({ auctionId: s.auctionId, amount: 500 })).toMatchObject({ lot: { highestBid: 510 } });
    await s.settle(3);
    expect(summary(s.placed.slice(1), s.names)).toEqual([['bob', 500, false, 500, 2], ['alice', 510, true, 510, 3]]);
    const snapshot = await (await s.users.alice.connect()).joinAuction({ auctionId: s.auctionId });
    expect(snapshot.myMaxBid).toBe(800);
  });

  it('a maximum below the bid is VALIDATION_FAILED and changes nothing', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const error = await refusal(s.carol.placeBid({ auctionId: s.auctionId, amount: 200, maxAmount: 150 }));
    expect(error).toBeInstanceOf(BidwireError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify((error as BidwireError).details)).toContain('maxAmount');
    expect(await lotOf(s.owner, s.auctionId, s.lot.id)).toMatchObject({ bidCount: 0, highestBid: null });
  });

  it('the first bid on a lot with a maximum is placed at its amount; the maximum is its owner’s alone', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const ack = await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 1_000 });
    expect(ack).toMatchObject({ bid: { amount: 100, auto: false }, lot: { highestBid: 100, bidCount: 1 }, myMaxBid: 1_000 });
    await s.settle(1);
    expect(summary(s.placed, s.names)).toEqual([['alice', 100, false, 100, 1]]);
    // The maximum as a JSON value (ids are random and may contain the digits 1000).
    expect(JSON.stringify(s.placed)).not.toMatch(/maxAmount|myMaxBid|:1000[,}]/);

    const snapshotOf = async (u: TestUser) => (await (await u.connect()).joinAuction({ auctionId: s.auctionId })).myMaxBid;
    expect(await snapshotOf(s.users.alice)).toBe(1_000);
    expect(await snapshotOf(s.users.bob)).toBeNull();
    // A bidder without a maximum stands at their highest bid.
    await s.bob.placeBid({ auctionId: s.auctionId, amount: 300 });
    expect(await snapshotOf(s.users.bob)).toBe(300);
  });

  it('a retried placeBid with the same requestId answers the first result, its automatic bid included, and creates nothing', async () => {
    await using t = await startServer();
    const s = await setup(t);
    await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    const payload = { auctionId: s.auctionId, amount: 200, requestId: 'proxy-retry' };
    const first = await s.bob.placeBid(payload);
    const again = await s.bob.placeBid(payload);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ lot: { highestBid: 210, bidCount: 3 } });
    await s.settle(3, () => s.outbid.bob.length >= 1);
    expect(s.placed).toHaveLength(3);
    expect(s.outbid.bob).toHaveLength(1);
    expect(await listAllBids(s.owner, s.auctionId, s.lot.id)).toHaveLength(3);
  });

  it('timed lots: an automatic bid inside the soft-close window extends the lot; the award goes to the leader', async () => {
    await using t = await startServer();
    const s = await setup(t, { durationMs: 5_000, softCloseMs: 10_000 });
    await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    const before = Date.now();
    const ack = await s.bob.placeBid({ auctionId: s.auctionId, amount: 200 });
    await s.settle(3, () => s.extended.length >= 1);
    const last = s.extended.at(-1)!;
    expect(new Date(last.endsAt).getTime()).toBeGreaterThanOrEqual(before + 10_000 - 50);
    expect(ack.lot.endsAt).toBe(last.endsAt);
    // The extension is broadcast after the automatic bid it belongs with.
    expect(last.seq).toBe(s.placed.at(-1)!.seq + 1);
    expect(s.placed.at(-1)).toMatchObject({ bid: { auto: true, amount: 210, user: { id: s.users.alice.id } } });
    const award = await s.ownerClient.awardLot({ auctionId: s.auctionId });
    expect(award).toMatchObject({ winner: { id: s.users.alice.id }, winning: { price: 210 } });
  });

  it('outbid is durable in the user room: it carries seq and a resync replays it', async () => {
    await using t = await startServer();
    const s = await setup(t);
    await s.alice.placeBid({ auctionId: s.auctionId, amount: 100, maxAmount: 500 });
    await s.bob.placeBid({ auctionId: s.auctionId, amount: 200 });
    await s.settle(3, () => s.outbid.bob.length >= 1);
    const [live] = s.outbid.bob;
    expect(live).toMatchObject({ seq: expect.any(Number), at: expect.any(String), highestBid: 210 });
    const replay = await s.bob.resync({ room: { type: 'user', id: 'me' }, afterSeq: live!.seq - 1 });
    expect(replay).toEqual({ events: [{ event: 'outbid', payload: { ...live, replayed: true } }], hasMore: false, nextAfterSeq: live!.seq });
  });
});
