// useAuction against the SDK test kit: the owner's view, a scheduled auction shown from REST and joined when it
// starts, an unknown one, my bids and the others' (leading, outbid, refusals), and room sharing between
// components (leaves counted on the fake server). A real server runs the main flow (use-auction.server.test.tsx).
import { BidwireError, type Lot } from '@bidwire/sdk';
import type { AuctionEvent } from '../src/index.js';
import { auctionFixture, bidFixture, commentFixture, lotFixture, snapshotFixture, userFixture } from '@bidwire/sdk/testing';
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAuction } from '../src/index.js';
import { fakeWorld, type FakeWorld } from './fake.js';

const owner = userFixture({ id: 'owner', name: 'Olga' });
const alice = userFixture({ id: 'alice', name: 'Alice' });
const bob = userFixture({ id: 'bob', name: 'Bob' });
const A = 'a1';
const room = { type: 'auction', id: A } as const;
const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, s)).toISOString();

let world: FakeWorld;
beforeEach(() => (world = fakeWorld()));
afterEach(() => world.close());

/** joinAuction answers this live auction with `lot` (as of the room's last seq). */
function liveAuction(lot: Lot | null, extra: { broadcasterPresent?: boolean } = {}) {
  const state = { lot, broadcasterPresent: extra.broadcasterPresent ?? false };
  world.server.handle('joinAuction', () =>
    snapshotFixture({ auction: auctionFixture({ id: A, owner }), lot: state.lot, broadcasterPresent: state.broadcasterPresent, seq: world.server.lastSeq(room) }),
  );
  world.server.handle('leaveAuction', {});
  return state;
}

describe('useAuction (test kit)', () => {
  it('follows my bids and the others’: leading, outbid, the minimum, refusals in the server’s words', async () => {
    let lot = lotFixture({ auctionId: A, startingPrice: 1000, minIncrement: 100 });
    liveAuction(lot);
    let n = 0;
    world.server.handle('placeBid', ({ amount }, { auth, fail }) => {
      const minimum = lot.highestBid === null ? lot.startingPrice : lot.highestBid + lot.minIncrement;
      if (amount < minimum) return fail('BID_TOO_LOW', `Bid must be higher than the current bid (${lot.highestBid})`, { minimumBid: minimum });
      const bid = bidFixture({ id: `bid-${++n}`, auctionId: A, lotId: lot.id, user: world.userOf(auth) === alice.id ? alice : bob, amount, createdAt: at(n) });
      lot = { ...lot, highestBid: amount, bidCount: lot.bidCount + 1 };
      world.server.emit('bidPlaced', { auctionId: A, lotId: lot.id, bid, highestBid: amount, bidCount: lot.bidCount });
      return { bid, lot, myMaxBid: amount };
    });
    const { result } = world.render(alice, () => useAuction(A));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current).toMatchObject({ minimumBid: 1000, isOwner: false, leading: false, outbid: false, myTopBid: null });

    const bobClient = world.client(bob);
    await bobClient.placeBid({ auctionId: A, amount: 1000 });
    await waitFor(() => expect(result.current.lot?.highestBid).toBe(1000));
    expect(result.current).toMatchObject({ minimumBid: 1100, leading: false, outbid: false });

    await act(() => result.current.placeBid({ amount: 1100 }));
    expect(result.current).toMatchObject({ leading: true, outbid: false, myTopBid: 1100, minimumBid: 1200 });
    expect(await world.server.nextCommand('placeBid')).toMatchObject({ auctionId: A, amount: 1000 });
    expect(await world.server.nextCommand('placeBid')).toMatchObject({ auctionId: A, amount: 1100, requestId: expect.any(String) });

    await bobClient.placeBid({ auctionId: A, amount: 1500 });
    await waitFor(() => expect(result.current.outbid).toBe(true));
    expect(result.current).toMatchObject({ leading: false, minimumBid: 1600 });
    expect(result.current.recentBids.map((b) => [b.user.name, b.amount])).toEqual([['Bob', 1500], ['Alice', 1100], ['Bob', 1000]]);

    const tooLow = await result.current.placeBid({ amount: 1500 }).catch((e: unknown) => e);
    expect(tooLow).toBeInstanceOf(BidwireError);
    expect(tooLow).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be higher than the current bid (1500)', details: { minimumBid: 1600 } });
  });

  it('maximum bids: my maximum from the snapshot and my acks, automatic bids, outbid by a maximum, raising mine as the leader', async () => {
    let lot = lotFixture({ auctionId: A, startingPrice: 1000, minIncrement: 100, highestBid: 1000, bidCount: 1 });
    const mine = bidFixture({ id: 'b1', auctionId: A, lotId: lot.id, user: alice, amount: 1000, createdAt: at(1) });
    world.server.handle('joinAuction', () =>
      snapshotFixture({ auction: auctionFixture({ id: A, owner }), lot, recentBids: [mine], myMaxBid: 2000, seq: world.server.lastSeq(room) }),
    );
    const seen: AuctionEvent['name'][] = [];
    const { result } = world.render(alice, () => useAuction(A, { onEvent: (e) => seen.push(e.name) }));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current).toMatchObject({ myMaxBid: 2000, leading: true, outbid: false, minimumBid: 1100 });

    const placed = (bid: ReturnType<typeof bidFixture>) => {
      lot = { ...lot, highestBid: bid.amount, bidCount: lot.bidCount + 1 };
      world.server.emit('bidPlaced', { auctionId: A, lotId: lot.id, bid, highestBid: bid.amount, bidCount: lot.bidCount });
      return bid;
    };
    // Bob bids 15.00; my maximum answers with an automatic 16.00: I still lead.
    placed(bidFixture({ id: 'b2', auctionId: A, lotId: lot.id, user: bob, amount: 1500, createdAt: at(2) }));
    placed(bidFixture({ id: 'b3', auctionId: A, lotId: lot.id, user: alice, amount: 1600, auto: true, createdAt: at(2) }));
    await waitFor(() => expect(result.current.lot?.highestBid).toBe(1600));
    expect(result.current).toMatchObject({ leading: true, outbid: false, myTopBid: 1600 });
    expect(result.current.recentBids.map((b) => [b.user.name, b.amount, b.auto])).toEqual([['Alice', 1600, true], ['Bob', 1500, false], ['Alice', 1000, false]]);

    // Bob's 25.00 is beyond my maximum: he leads, and my user room says I was outbid.
    placed(bidFixture({ id: 'b4', auctionId: A, lotId: lot.id, user: bob, amount: 2500, createdAt: at(3) }));
    world.server.emit('outbid', { auctionId: A, lotId: lot.id, highestBid: 2500 }, { to: world.server.connections.filter((c) => c.auth.token === 'token-alice') });
    await waitFor(() => expect(result.current.outbid).toBe(true));
    expect(result.current).toMatchObject({ leading: false, outbidAt: 2500, minimumBid: 2600 });
    expect(seen).toContain('outbid');

    // A new bid with a higher maximum, then raising it as the leader (no new bid).
    world.server.handle('placeBid', ({ amount, maxAmount }) => {
      const bid = amount === lot.highestBid ? result.current.recentBids[0]! : placed(bidFixture({ id: 'b5', auctionId: A, lotId: lot.id, user: alice, amount, createdAt: at(4) }));
      return { bid, lot, myMaxBid: maxAmount ?? amount };
    });
    await act(() => result.current.placeBid({ amount: 2600, maxAmount: 4000 }));
    expect(result.current).toMatchObject({ leading: true, outbid: false, myMaxBid: 4000, myTopBid: 2600 });
    await act(() => result.current.raiseMaximum(5000));
    expect(result.current).toMatchObject({ leading: true, myMaxBid: 5000 });
    expect(result.current.recentBids).toHaveLength(5);
    expect(world.server.commandsOf('placeBid').map(({ amount, maxAmount }) => [amount, maxAmount])).toEqual([[2600, 4000], [2600, 5000]]);

    // A maximum below the amount is refused by the contract, as the server refuses it.
    const refused = await result.current.placeBid({ amount: 2800, maxAmount: 2700 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'maxAmount', message: 'maxAmount must be at least amount.' }] } });
  });

  it('comments, viewers, the broadcaster, a closed lot and the next one, the auction’s end', async () => {
    const lot = lotFixture({ auctionId: A, startingPrice: 100, highestBid: 150, bidCount: 1 });
    liveAuction(lot);
    world.server.handle('postComment', ({ text }) => {
      const comment = commentFixture({ id: 'c2', auctionId: A, user: alice, text, createdAt: at(20) });
      world.server.emit('commentPosted', { auctionId: A, comment });
      return { comment };
    });
    const { result } = world.render(alice, () => useAuction(A));
    await waitFor(() => expect(result.current.status).toBe('joined'));

    world.server.emit('broadcasterJoined', { auctionId: A });
    world.server.emit('viewerCountChanged', { auctionId: A, viewerCount: 3 });
    world.server.emit('commentPosted', { auctionId: A, comment: commentFixture({ id: 'c1', auctionId: A, user: bob, text: 'Mine!', createdAt: at(10) }) });
    await waitFor(() => expect(result.current).toMatchObject({ broadcasterPresent: true, viewerCount: 3 }));
    await waitFor(() => expect(result.current.recentComments[0]?.text).toBe('Mine!'));
    await act(() => result.current.postComment('We will see'));
    expect(result.current.recentComments.map((c) => c.text)).toEqual(['We will see', 'Mine!']);
    world.server.emit('broadcasterLeft', { auctionId: A });
    await waitFor(() => expect(result.current.broadcasterPresent).toBe(false));

    const winningBid = bidFixture({ id: 'b1', auctionId: A, lotId: lot.id, user: bob, amount: 150 });
    world.server.emit('lotClosed', { auctionId: A, lot: { ...lot, status: 'sold', closedAt: at(30) }, winningBid, winner: bob });
    await waitFor(() => expect(result.current.lot?.status).toBe('sold'));
    expect(result.current.lastClosed).toMatchObject({ winner: { id: bob.id }, winningBid: { amount: 150 } });
    expect(result.current).toMatchObject({ won: false, outbid: false, leading: false, minimumBid: null });

    world.server.emit('lotOpened', { auctionId: A, lot: lotFixture({ id: 'lot-2', auctionId: A, product: 'Cardamom', startingPrice: 200 }) });
    await waitFor(() => expect(result.current.lot?.product).toBe('Cardamom'));
    expect(result.current).toMatchObject({ recentBids: [], lastClosed: null, myTopBid: null, minimumBid: 200 });

    world.server.emit('auctionEnded', { auctionId: A, auction: auctionFixture({ id: A, owner, status: 'ended', endedAt: at(40) }) });
    await waitFor(() => expect(result.current.auction?.status).toBe('ended'));
  });

  it('the owner: isOwner, a bid refused with the server’s code, resuming the broadcast with a new join', async () => {
    const state = liveAuction(lotFixture({ auctionId: A }), { broadcasterPresent: true });
    world.server.handle('placeBid', (_p, { fail }) => fail('FORBIDDEN', 'You cannot bid on your own auction.'));
    const { result } = world.render(owner, () => useAuction(A));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current).toMatchObject({ isOwner: true, broadcasterPresent: true });
    await expect(result.current.placeBid({ amount: 500 })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You cannot bid on your own auction.' });

    world.server.emit('broadcasterLeft', { auctionId: A });
    state.broadcasterPresent = false;
    await waitFor(() => expect(result.current.broadcasterPresent).toBe(false));
    state.broadcasterPresent = true;
    await act(() => result.current.rejoin());
    expect(result.current.broadcasterPresent).toBe(true);
    expect(world.server.commandsOf('joinAuction')).toHaveLength(2);
  });

  it('shows a scheduled auction from REST, then joins by itself when it starts', async () => {
    world.server.handle('joinAuction', (_p, { fail }) => fail('INVALID_STATE', 'Auction has not started yet.'));
    world.api.handle('getAuction', ({ params }) => auctionFixture({ id: params.id, owner, title: 'Later today', status: 'scheduled', startedAt: null }));
    const { result } = world.render(alice, () => useAuction(A));
    await waitFor(() => expect(result.current.status).toBe('not-live'));
    expect(result.current.auction).toMatchObject({ title: 'Later today', status: 'scheduled' });

    liveAuction(null);
    world.server.emit('auctionStarted', { auction: auctionFixture({ id: A, owner, title: 'Later today' }) });
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current.auction?.status).toBe('live');
  });

  it('an unknown auction is an error with the server’s message, not a crash', async () => {
    world.server.handle('joinAuction', (_p, { fail }) => fail('NOT_FOUND', 'Auction not found.'));
    const { result } = world.render(alice, () => useAuction('no-such-auction'));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'NOT_FOUND', message: 'Auction not found.' });
  });

  it('two components on one auction share the room: unmounting one keeps it; the last one leaves', async () => {
    const lot = lotFixture({ auctionId: A });
    liveAuction(lot);
    const client = world.client(alice);
    const first = world.render(alice, () => useAuction(A), { client });
    const second = world.render(alice, () => useAuction(A), { client });
    await waitFor(() => expect(first.result.current.status).toBe('joined'));
    await waitFor(() => expect(second.result.current.status).toBe('joined'));

    first.unmount();
    await new Promise((r) => setTimeout(r, 50));
    world.server.emit('bidPlaced', { auctionId: A, lotId: lot.id, bid: bidFixture({ auctionId: A, lotId: lot.id, user: bob, amount: 150 }), highestBid: 150, bidCount: 1 });
    await waitFor(() => expect(second.result.current.lot?.highestBid).toBe(150));
    expect(world.server.commandsOf('leaveAuction')).toEqual([]);

    second.unmount();
    await waitFor(() => expect(world.server.commandsOf('leaveAuction')).toEqual([{ auctionId: A }]));
  });

  it('under StrictMode’s unmount-and-mount the room stays joined', async () => {
    liveAuction(lotFixture({ auctionId: A }));
    const { result } = world.render(alice, () => useAuction(A), { reactStrictMode: true });
    await waitFor(() => expect(result.current.status).toBe('joined'));
    await new Promise((r) => setTimeout(r, 300)); // any leave would have been sent by now
    expect(world.server.commandsOf('leaveAuction')).toEqual([]);
  });
});
