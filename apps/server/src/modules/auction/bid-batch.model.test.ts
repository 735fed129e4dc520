// Model-based test of maximum (proxy) bids on the pure bid step every writer shares (decideBids): 600 random
// sequences of bids from 2–6 bidders, with and without maxima, arriving in random batches (group commit), compared
// after every bid with the reference model written for the tests (test/support/proxy-model.ts): refusals, the bids
// recorded (manual and automatic, with the lot they carry), the leader, the highest bid, the count, `outbid`, and
// `myMaxBid`. test/max-bids.model.test.ts runs sequences like these through the real server on every database.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concrete, ProxyModel, type ModelOutcome } from '../../../test/support/proxy-model.js';
import { sequences, type Sequence } from '../../../test/support/proxy-arbitraries.js';
import { decideBids, type BatchState, type BidRequest } from './bid-batch.js';
import type { NewBid, OpenLot } from './bid-columns.js';

const STARTING_PRICE = 100;
const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const at = new Date('2026-01-01T00:00:00Z');

function openLot(minIncrement: number): OpenLot {
  return {
    id: 'lot', auctionId: 'auction', product: 'Saffron', description: null, weight: null,
    startingPrice: BigInt(STARTING_PRICE), minIncrement: BigInt(minIncrement), marketPrice: null, status: 'open',
    highestBid: null, bidCount: 0, endsAt: null, openedAt: at, closedAt: null, softCloseMs: null,
    leadingBidId: null, leaderMax: null, secondMax: null,
  };
}

/** Runs one sequence through decideBids batch by batch (carrying its writes like a store would) and the model. */
function check(seq: Sequence) {
  const model = new ProxyModel(STARTING_PRICE, seq.minIncrement);
  let ids = 0;
  let state: BatchState = {
    auctionId: 'auction', lastSeq: 0, auction: { ownerId: 'owner', status: 'live' }, open: openLot(seq.minIncrement), leading: null,
    stored: new Map(), users: new Map(users.map((id) => [id, { id, name: id, avatarUrl: null }])),
  };
  const sizes = [...seq.batches];
  for (let i = 0; i < seq.attempts.length; ) {
    const size = Math.min(sizes.shift() ?? 1, seq.attempts.length - i);
    // Concrete amounts depend on the state each attempt meets, which the model tracks bid by bid.
    const requests: BidRequest[] = [];
    const expected: ModelOutcome[] = [];
    for (const attempt of seq.attempts.slice(i, i + size)) {
      const { bidder, amount, maxAmount } = concrete(attempt, model);
      const userId = users[bidder % seq.bidders]!;
      requests.push({ userId, amount, maxAmount, joined: true });
      expected.push(model.place(userId, amount, maxAmount));
    }
    i += size;

    const { outcomes, writes } = decideBids(state, requests, at, () => `bid${++ids}`);
    // The bidPlaced events as stored (the payload the room log keeps and replays).
    type Placed = { bid: { user: { id: string }; amount: number; auto: boolean }; highestBid: number; bidCount: number };
    const events: Placed[] = writes?.events.filter((e) => e.row.event === 'bidPlaced').map((e) => JSON.parse(e.row.payload) as Placed) ?? [];
    const outbid = writes?.outbid.map((n) => n.userId) ?? [];
    outcomes.forEach((outcome, k) => {
      const want = expected[k]!;
      if (!want.ok) {
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.error).toMatchObject({ code: want.code, details: { minimumBid: want.minimumBid } });
        return;
      }
      if (!outcome.ok) throw outcome.error;
      const { bid, lot, myMaxBid } = outcome.value;
      expect(myMaxBid).toBe(want.myMaxBid);
      const last = want.bids.at(-1);
      if (want.bids.length > 0) {
        expect({ user: bid.user.id, amount: bid.amount, auto: bid.auto }).toEqual({ user: requests[k]!.userId, amount: requests[k]!.amount, auto: false });
        expect({ highestBid: lot.highestBid, bidCount: lot.bidCount }).toEqual({ highestBid: last!.highestBid, bidCount: last!.bidCount });
      }
      // This bid's broadcasts, in order: its own bid, then the automatic one.
      const mine = events.splice(0, want.bids.length);
      expect(mine.map((e) => ({ userId: e.bid.user.id, amount: e.bid.amount, auto: e.bid.auto, highestBid: e.highestBid, bidCount: e.bidCount }))).toEqual(want.bids);
      expect(outbid.splice(0, want.outbid.length).sort()).toEqual([...want.outbid].sort());
    });
    expect(events).toEqual([]);
    expect(outbid).toEqual([]);

    if (writes) {
      const { id: _id, readBidCount: _read, ...lot } = writes.lot;
      const leading: NewBid | null = writes.bids.at(-1) ?? state.leading;
      state = { ...state, open: { ...state.open!, ...lot }, leading, lastSeq: writes.lastSeq };
    }
    expect(state.leading?.userId ?? null).toBe(model.leader);
    expect(state.open!.highestBid === null ? null : Number(state.open!.highestBid)).toBe(model.highestBid);
    expect(state.open!.bidCount).toBe(model.bidCount);
  }
}

describe('maximum bids: the pure bid step against the reference model', () => {
  it('600 random sequences of 2–6 bidders, with and without maxima, in random batches', () => {
    fc.assert(fc.property(sequences({ invalidMaxima: false, maxLength: 30 }), check), { numRuns: 600, seed: 20261201 });
  });

  it('replays its classic cases', () => {
    const lot = openLot(10);
    const state = (over: Partial<BatchState> = {}): BatchState => ({
      auctionId: 'auction', lastSeq: 0, auction: { ownerId: 'owner', status: 'live' }, open: lot, leading: null,
      stored: new Map(), users: new Map(users.map((id) => [id, { id, name: id, avatarUrl: null }])), ...over,
    });
    // Outbid by a proxy: u0 bids 100 up to 500; u1's 200 is answered by u0's automatic 210.
    const { outcomes, writes } = decideBids(state(), [
      { userId: 'u0', amount: 100, maxAmount: 500, joined: true },
      { userId: 'u1', amount: 200, joined: true },
    ], at, (() => { let n = 0; return () => `b${++n}`; })());
    expect(writes?.bids.map((b) => [b.userId, Number(b.amount), b.auto])).toEqual([['u0', 100, false], ['u1', 200, false], ['u0', 210, true]]);
    expect(outcomes[1]).toMatchObject({ ok: true, value: { bid: { amount: 200, auto: false }, lot: { highestBid: 210, bidCount: 3 }, myMaxBid: 200 } });
    expect(writes?.outbid.map((n) => [n.userId, n.body.highestBid])).toEqual([['u1', 210]]);
    expect(writes?.lot).toMatchObject({ highestBid: 210n, leaderMax: 500n, secondMax: 200n, leadingBidId: 'b3' });
  });
});
