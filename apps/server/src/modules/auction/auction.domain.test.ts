import { describe, expect, it } from 'vitest';
import { applyBid, assertJoinable, bidRejection, extendedEnd, minimumBid, type BiddingLot } from './auction.domain.js';

const lot = (over: Partial<Parameters<typeof bidRejection>[0] & object> = {}) => ({
  status: 'open',
  highestBid: null as number | null,
  startingPrice: 100,
  minIncrement: 10,
  endsAt: null as Date | null,
  ...over,
});
const now = new Date('2026-01-01T00:00:00Z');

describe('bid rule', () => {
  it('first bid must reach the starting price', () => {
    expect(bidRejection(lot(), 99, now)?.message).toBe('Bid must be at least the starting price (100)');
    expect(bidRejection(lot(), 100, now)).toBeNull();
  });
  it('later bids must reach highest + minIncrement', () => {
    const l = lot({ highestBid: 150 });
    expect(bidRejection(l, 159, now)?.code).toBe('BID_TOO_LOW');
    expect(bidRejection(l, 159, now)?.message).toBe('Bid must be higher than the current bid (150)');
    expect(bidRejection(l, 160, now)).toBeNull();
    expect(minimumBid(l)).toBe(160);
  });
  it('both refusals carry details.minimumBid, the least amount that would be accepted now', () => {
    expect(bidRejection(lot(), 99, now)?.details).toEqual({ minimumBid: 100 });
    expect(bidRejection(lot({ highestBid: 1_100, minIncrement: 100 }), 1_150, now)?.details).toEqual({ minimumBid: 1_200 });
    expect(minimumBid(lot())).toBe(100);
  });
  it('no open lot, or a timed lot past its end, is an invalid state', () => {
    expect(bidRejection(null, 100, now)?.code).toBe('INVALID_STATE');
    expect(bidRejection(lot({ status: 'sold' }), 100, now)?.code).toBe('INVALID_STATE');
    expect(bidRejection(lot({ endsAt: now }), 100, now)?.code).toBe('INVALID_STATE');
  });
});

describe('auction states', () => {
  it('only live auctions can be joined, with the SPEC message for scheduled ones', () => {
    expect(() => assertJoinable({ ownerId: 'o', status: 'scheduled' })).toThrow('Auction has not started yet.');
    expect(() => assertJoinable({ ownerId: 'o', status: 'live' })).not.toThrow();
  });
});

describe('soft close', () => {
  it('extends only inside the window', () => {
    const endsAt = new Date(now.getTime() + 5_000);
    expect(extendedEnd(endsAt, 10_000, now)?.getTime()).toBe(now.getTime() + 10_000);
    expect(extendedEnd(new Date(now.getTime() + 60_000), 10_000, now)).toBeNull();
    expect(extendedEnd(null, 10_000, now)).toBeNull();
  });
});

describe('applyBid (bids of a batch, one after the other)', () => {
  const bidding = (over: Partial<BiddingLot> = {}): BiddingLot => ({
    ...lot(), bidCount: 0, softCloseMs: 0, leaderId: null, leaderMax: null, secondMax: null, ...over,
  });

  it('each accepted bid raises the lot the next bid is checked against', () => {
    const first = applyBid(bidding(), { userId: 'a', amount: 100 }, now);
    if (first.error) throw first.error;
    expect(first.lot).toMatchObject({ highestBid: 100, bidCount: 1 });
    const twin = applyBid(first.lot, { userId: 'b', amount: 100 }, now);
    expect(twin.error?.message).toBe('Bid must be higher than the current bid (100)');
    const second = applyBid(first.lot, { userId: 'c', amount: 110 }, now);
    expect(second.error).toBeNull();
    if (!second.error) expect(second.lot).toMatchObject({ highestBid: 110, bidCount: 2 });
  });

  it('a refused bid leaves nothing to apply', () => {
    expect(applyBid(bidding({ status: 'sold' }), { userId: 'd', amount: 500 }, now)).toEqual({ error: expect.objectContaining({ code: 'INVALID_STATE' }) });
  });

  it('a bid inside the soft-close window pushes the end, and the next bid sees the new end', () => {
    const endsAt = new Date(now.getTime() + 3_000);
    const step = applyBid(bidding({ endsAt, softCloseMs: 10_000 }), { userId: 'e', amount: 100 }, now);
    if (step.error) throw step.error;
    expect(step.extendedTo?.toISOString()).toBe(new Date(now.getTime() + 10_000).toISOString());
    expect(step.lot.endsAt).toEqual(step.extendedTo);
    const later = applyBid(step.lot, { userId: 'g', amount: 110 }, new Date(now.getTime() + 5_000));
    expect(later.error).toBeNull(); // 5 s after the old end, but inside the pushed one
  });

  it('a bid outside the window keeps the end', () => {
    const endsAt = new Date(now.getTime() + 60_000);
    const step = applyBid(bidding({ endsAt, softCloseMs: 10_000 }), { userId: 'f', amount: 100 }, now);
    if (step.error) throw step.error;
    expect(step.extendedTo).toBeNull();
    expect(step.lot.endsAt).toEqual(endsAt);
  });
});
