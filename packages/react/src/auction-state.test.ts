// The auction reducer's ordering rules: acks and broadcasts in either order, duplicates, snapshots after a gap.
import type { AuctionSnapshot, Bid, Lot } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { auctionReducer, initialAuctionState, type AuctionState } from './auction-state.js';

const user = (id: string) => ({ id, name: id.toUpperCase() });
const lot = (over: Partial<Lot> = {}): Lot => ({
  id: 'l1', auctionId: 'a1', product: 'Tea', description: null, weight: null, startingPrice: 100, minIncrement: 10,
  marketPrice: null, status: 'open', highestBid: null, bidCount: 0, endsAt: null, openedAt: '2026-01-01T00:00:00.000Z', closedAt: null, ...over,
});
const bid = (id: string, by: string, amount: number, at = 0): Bid => ({
  id, auctionId: 'a1', lotId: 'l1', user: user(by), amount, auto: false, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
});
const snapshot = (over: Partial<AuctionSnapshot> = {}): AuctionSnapshot => ({
  auction: { id: 'a1', owner: user('owner'), title: 'T', description: null, categoryId: null, imageUrl: null, status: 'live', startsAt: null, expiresAt: null, startedAt: null, endedAt: null, createdAt: '2026-01-01T00:00:00.000Z' },
  lot: lot(), recentBids: [], recentComments: [], viewerCount: 1, broadcasterPresent: true, seq: 3, serverTime: 0, myMaxBid: null, ...over,
});
const joined = (over: Partial<AuctionSnapshot> = {}) => auctionReducer(initialAuctionState('a1'), { type: 'snapshot', snapshot: snapshot(over), me: 'me' });
const placed = (state: AuctionState, b: Bid, bidCount: number) =>
  auctionReducer(state, { type: 'event', name: 'bidPlaced', payload: { auctionId: 'a1', lotId: 'l1', bid: b, highestBid: b.amount, bidCount, seq: 3 + bidCount, at: b.createdAt }, me: 'me' });

describe('auctionReducer', () => {
  it('my ack before an earlier bid’s broadcast: the list stays highest first and the lot never goes back', () => {
    let s = joined();
    s = auctionReducer(s, { type: 'bidAccepted', bid: bid('b2', 'me', 110, 2), lot: lot({ highestBid: 110, bidCount: 2 }), myMaxBid: null, me: 'me' });
    s = placed(s, bid('b1', 'bob', 100, 1), 1);
    s = placed(s, bid('b2', 'me', 110, 2), 2);
    expect(s.recentBids.map((b) => b.id)).toEqual(['b2', 'b1']);
    expect(s.lot).toMatchObject({ highestBid: 110, bidCount: 2 });
    expect(s.myTopBid).toBe(110);
  });

  it('ignores bids of another lot and duplicate comments', () => {
    let s = joined();
    s = auctionReducer(s, { type: 'event', name: 'bidPlaced', payload: { auctionId: 'a1', lotId: 'old', bid: { ...bid('x', 'bob', 999), lotId: 'old' }, highestBid: 999, bidCount: 9, seq: 4, at: '' }, me: 'me' });
    expect(s.recentBids).toEqual([]);
    const comment = { id: 'c1', auctionId: 'a1', user: user('bob'), text: 'hi', createdAt: '2026-01-01T00:00:01.000Z' };
    s = auctionReducer(s, { type: 'commentAccepted', comment });
    s = auctionReducer(s, { type: 'event', name: 'commentPosted', payload: { auctionId: 'a1', comment, seq: 5, at: '' }, me: 'me' });
    expect(s.recentComments).toHaveLength(1);
  });

  it('a snapshot after a long gap replaces the state, keeping what it cannot say about the same lot', () => {
    let s = joined();
    s = auctionReducer(s, { type: 'bidAccepted', bid: bid('b1', 'me', 100), lot: lot({ highestBid: 100, bidCount: 1 }), myMaxBid: 250, me: 'me' });
    s = auctionReducer(s, { type: 'snapshot', snapshot: snapshot({ lot: lot({ highestBid: 300, bidCount: 3 }), recentBids: [bid('b3', 'bob', 300, 3)], viewerCount: 7, myMaxBid: 250 }), me: 'me' });
    expect(s).toMatchObject({ viewerCount: 7, myTopBid: 100, myMaxBid: 250, lot: { highestBid: 300 } });
    expect(s.recentBids.map((b) => b.id)).toEqual(['b3']);
    // A snapshot of a new lot forgets my bids on the old one; my maximum is the snapshot's (the server's word).
    s = auctionReducer(s, { type: 'snapshot', snapshot: snapshot({ lot: lot({ id: 'l2' }) }), me: 'me' });
    expect(s).toMatchObject({ myTopBid: null, myMaxBid: null });
    s = auctionReducer(s, { type: 'snapshot', snapshot: snapshot({ lot: lot({ id: 'l2' }), myMaxBid: 500 }), me: 'me' });
    expect(s.myMaxBid).toBe(500);
  });

  it('a closed lot keeps its bids and outcome until the next lot opens', () => {
    let s = placed(joined(), bid('b1', 'bob', 100), 1);
    const closed = lot({ status: 'sold', highestBid: 100, bidCount: 1 });
    s = auctionReducer(s, { type: 'event', name: 'lotClosed', payload: { auctionId: 'a1', lot: closed, winningBid: bid('b1', 'bob', 100), winner: user('bob'), seq: 5, at: '' }, me: 'me' });
    expect(s).toMatchObject({ lot: { status: 'sold' }, lastClosed: { winner: { id: 'bob' } } });
    expect(s.recentBids).toHaveLength(1);
    s = auctionReducer(s, { type: 'event', name: 'lotOpened', payload: { auctionId: 'a1', lot: lot({ id: 'l2' }), seq: 6, at: '' }, me: 'me' });
    expect(s).toMatchObject({ lot: { id: 'l2' }, recentBids: [], lastClosed: null });
  });
});
