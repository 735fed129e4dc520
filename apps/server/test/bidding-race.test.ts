// SPEC §3 bid rule under contention: the check and the write are one atomic step, so concurrent
// bidders never both win against the same highest bid, and what is acked, broadcast and stored agree.
import { BidwireError, type Bid } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import {
  createLiveAuctionWithLot, flush, joinAll, listAllBids, lotOf, record, seededRandom, shuffle, signInMany, waitUntil,
} from './fixtures.js';

const N = 50;
const STARTING_PRICE = 100;

describe('concurrent bidding on one lot', () => {
  it('accepts exactly one of 50 identical simultaneous bids; the other 49 are BID_TOO_LOW', async () => {
    await using t = await startServer();
    const [owner, viewerUser, ...bidders] = await signInMany(t, N + 2);
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, { startingPrice: STARTING_PRICE });
    const clients = await joinAll(bidders, auctionId);
    const [viewer] = await joinAll([viewerUser!], auctionId);
    const seen = record(viewer!, 'bidPlaced');

    const results = await Promise.allSettled(clients.map((c) => c.placeBid({ auctionId, amount: STARTING_PRICE })));

    const accepted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(N - 1);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(BidwireError);
      expect(error).toMatchObject({ code: 'BID_TOO_LOW', message: `Bid must be higher than the current bid (${STARTING_PRICE})` });
    }
    const winner = accepted[0]!;
    const winnerIndex = results.findIndex((r) => r.status === 'fulfilled');
    expect(winner.bid).toMatchObject({ auctionId, lotId: lot.id, amount: STARTING_PRICE, user: { id: bidders[winnerIndex]!.id } });
    expect(winner.lot).toMatchObject({ id: lot.id, highestBid: STARTING_PRICE, bidCount: 1, status: 'open' });

    const stored = await listAllBids(owner!, auctionId, lot.id);
    expect(stored).toEqual([winner.bid]);
    expect(await lotOf(owner!, auctionId, lot.id)).toMatchObject({ bidCount: 1, highestBid: STARTING_PRICE });

    await waitUntil(() => seen.length >= 1, 'the bidPlaced broadcast');
    await flush(viewer!);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ auctionId, lotId: lot.id, bid: winner.bid, highestBid: STARTING_PRICE, bidCount: 1 });
  });

  it('keeps 50 simultaneous distinct bids strictly increasing, gap-free and equal to what is stored', async () => {
    await using t = await startServer();
    const [owner, viewerUser, ...bidders] = await signInMany(t, N + 2);
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, { startingPrice: STARTING_PRICE });
    const clients = await joinAll(bidders, auctionId);
    const viewer = await viewerUser!.connect();
    const seen = record(viewer, 'bidPlaced');
    const snapshot = await viewer.joinAuction({ auctionId });

    // Distinct random amounts >= the starting price (seeded: the same input every run). Sent rising
    // block by block but shuffled inside each block of 5, so the race yields both many accepted bids
    // and many refusals (a plain shuffle accepts ~4, a sorted list all 50).
    const random = seededRandom(20240607);
    const pool = new Set<number>();
    while (pool.size < N) pool.add(STARTING_PRICE + Math.floor(random() * 10_000));
    const sorted = [...pool].sort((a, b) => a - b);
    const amounts = Array.from({ length: N / 5 }, (_, b) => shuffle(sorted.slice(b * 5, b * 5 + 5), random)).flat();
    const highestOffered = Math.max(...amounts);

    const results = await Promise.allSettled(clients.map((c, i) => c.placeBid({ auctionId, amount: amounts[i]! })));

    const acks = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const acceptedAmounts = new Set(acks.map((a) => a.bid.amount));
    // The highest offer beats whatever was on the lot when it ran, so it is always accepted.
    expect(acceptedAmounts.has(highestOffered)).toBe(true);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        expect(r.value.bid).toMatchObject({ amount: amounts[i], lotId: lot.id, user: { id: bidders[i]!.id } });
        return;
      }
      const error = r.reason as unknown;
      expect(error).toBeInstanceOf(BidwireError);
      expect(error).toMatchObject({ code: 'BID_TOO_LOW' });
      // Refused against a bid that really was accepted and that this amount did not beat.
      const against = Number(/^Bid must be higher than the current bid \((\d+)\)$/.exec((error as BidwireError).message)?.[1]);
      expect(acceptedAmounts.has(against)).toBe(true);
      expect(amounts[i]).toBeLessThanOrEqual(against);
    });

    // The viewer sees every accepted bid once, with consecutive seq right after its snapshot.
    await waitUntil(() => seen.length >= acks.length, `${acks.length} bidPlaced broadcasts`);
    await flush(viewer);
    expect(seen).toHaveLength(acks.length);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => snapshot.seq + 1 + i));
    const bySeq = [...seen].sort((a, b) => a.seq - b.seq);
    bySeq.forEach((e, i) => {
      expect(e.bidCount).toBe(i + 1);
      expect(e.highestBid).toBe(e.bid.amount);
      if (i > 0) expect(e.bid.amount).toBeGreaterThan(bySeq[i - 1]!.bid.amount);
    });
    expect(bySeq.at(-1)!.bid.amount).toBe(highestOffered);

    // Each ack's bid is broadcast exactly once, identical.
    for (const ack of acks) {
      expect(seen.filter((e) => e.bid.id === ack.bid.id).map((e) => e.bid)).toEqual([ack.bid]);
    }

    // What is stored is exactly what was accepted (REST lists newest = highest first, over several pages).
    const stored = await listAllBids(owner!, auctionId, lot.id);
    const byAmountDesc = (a: Bid, b: Bid) => b.amount - a.amount;
    expect(stored).toEqual(bySeq.map((e) => e.bid).sort(byAmountDesc));
    expect(new Set(stored.map((b) => b.id)).size).toBe(acks.length);
    expect(await lotOf(owner!, auctionId, lot.id)).toMatchObject({ bidCount: acks.length, highestBid: highestOffered, status: 'open' });
  });
});

describe('bids that arrive together (one transaction carries them)', () => {
  it('answers each bid of a mixed burst on its own: refusals of every kind, twins, acceptances in arrival order', async () => {
    await using t = await startServer();
    const [owner, outsider, twinUser, ...bidders] = await signInMany(t, 3 + 10);
    // Every optional lot field set (a timed lot ending in an hour), so the answers show each column read back.
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, {
      startingPrice: STARTING_PRICE,
      lotFields: { description: 'Grade I, 2026 harvest', weight: 1.25, marketPrice: 90_000, durationMs: 3_600_000 },
    });
    const clients = await joinAll(bidders, auctionId);
    const [twin] = await joinAll([twinUser!], auctionId);
    const ownerClient = await owner!.connect();
    await ownerClient.joinAuction({ auctionId });
    const outsiderClient = await outsider!.connect(); // signed in, never joined

    // Emitted back to back without awaiting, so they queue behind each other on the server. Refusals are
    // caught at once (and checked below), so none is ever an unhandled rejection.
    const refusal = (p: Promise<unknown>) => p.then(() => null, (error: unknown) => error);
    const sent = {
      owner: refusal(ownerClient.placeBid({ auctionId, amount: 5_000 })),
      outsider: refusal(outsiderClient.placeBid({ auctionId, amount: 5_000 })),
      rising: clients.map((c, i) => c.placeBid({ auctionId, amount: STARTING_PRICE + i * 10 })),
      tooLow: refusal(clients[0]!.placeBid({ auctionId, amount: STARTING_PRICE })),
      twins: [1, 2, 3].map(() => twin!.placeBid({ auctionId, amount: 10_000, requestId: 'twin-request' })),
    };

    expect(await sent.owner).toMatchObject({ code: 'FORBIDDEN', message: 'You cannot bid on your own auction.' });
    expect(await sent.outsider).toMatchObject({ code: 'FORBIDDEN', message: 'Join the auction first.' });
    const rising = await Promise.all(sent.rising); // each beats the one before it
    expect(rising.map((r) => [r.bid.amount, r.lot.bidCount, r.lot.highestBid])).toEqual(
      rising.map((_, i) => [STARTING_PRICE + i * 10, i + 1, STARTING_PRICE + i * 10]),
    );
    // The lot in each answer is the opened lot, read back field by field, with the bid applied.
    expect(rising.at(-1)!.lot).toEqual({ ...lot, highestBid: rising.at(-1)!.bid.amount, bidCount: rising.length });
    expect(await sent.tooLow).toMatchObject({ code: 'BID_TOO_LOW' });
    const twins = await Promise.all(sent.twins);
    expect(new Set(twins.map((r) => r.bid.id)).size).toBe(1);
    expect(twins[0]!.lot).toMatchObject({ highestBid: 10_000, bidCount: bidders.length + 1 });

    const stored = await listAllBids(owner!, auctionId, lot.id);
    expect(stored.map((b) => b.id).sort()).toEqual([...rising.map((r) => r.bid.id), twins[0]!.bid.id].sort());
    expect(await lotOf(owner!, auctionId, lot.id)).toMatchObject({ bidCount: bidders.length + 1, highestBid: 10_000 });
  });

  it('a requestId sent at once to two auctions makes one bid, and the other bids of both bursts are kept', async () => {
    await using t = await startServer();
    const [ownerA, ownerB, reuser, ...bidders] = await signInMany(t, 3 + 12);
    const a = await createLiveAuctionWithLot(ownerA!, { startingPrice: STARTING_PRICE });
    const b = await createLiveAuctionWithLot(ownerB!, { startingPrice: STARTING_PRICE });
    const onA = await joinAll([reuser!, ...bidders], a.auctionId);
    const onB = await joinAll([reuser!, ...bidders], b.auctionId);

    // Rising bids, then the reused requestId on top of them (its answer is index 0 of the results).
    const burst = (clients: typeof onA, auctionId: string) => {
      const others = clients.slice(1).map((c, i) => c.placeBid({ auctionId, amount: STARTING_PRICE + i * 10 }));
      return [clients[0]!.placeBid({ auctionId, amount: 50_000, requestId: 'reused' }), ...others];
    };
    const [resultsA, resultsB] = await Promise.all([Promise.all(burst(onA, a.auctionId)), Promise.all(burst(onB, b.auctionId))]);

    // The reused requestId answers the same first result on both auctions.
    expect(resultsA[0]!.bid).toEqual(resultsB[0]!.bid);
    const winnerAuction = resultsA[0]!.bid.auctionId;
    const storedA = await listAllBids(ownerA!, a.auctionId, a.lot.id);
    const storedB = await listAllBids(ownerB!, b.auctionId, b.lot.id);
    expect(storedA.length + storedB.length).toBe(2 * bidders.length + 1);
    expect([...storedA, ...storedB].filter((bid) => bid.user.id === reuser!.id)).toEqual([resultsA[0]!.bid]);
    expect(resultsA[0]!.bid.auctionId).toBe(winnerAuction);
    for (const [results, stored] of [[resultsA, storedA], [resultsB, storedB]] as const) {
      expect(results.slice(1).every((r) => stored.some((s) => s.id === r.bid.id))).toBe(true);
    }
  });
});
