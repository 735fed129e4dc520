import { describe, expect, it } from 'vitest';
import { assertJoinable, bidRejection, extendedEnd, minimumNextBid } from './auction.domain.js';

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
    expect(minimumNextBid(l)).toBe(160);
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
