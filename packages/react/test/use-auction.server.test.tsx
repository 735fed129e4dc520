// useAuction against a real server: snapshot, live events from other users, my bids (leading / outbid), the
// server's own refusals, maximum bids (automatic bids, outbid), and missed bids replayed after a drop. The other cases run on the test kit
// (use-auction.test.tsx).
import { BidwireError } from '@bidwire/sdk';
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAuction, type AuctionEvent, type AuctionEventName } from '../src/index.js';
import { realBackend } from './backend.js';
import { liveAuction } from './auctions.js';
import { renderAs } from './render.js';

const backend = realBackend();
afterEach(() => backend.closeAll());

describe('useAuction (real server)', () => {
  it('shows the snapshot, then other users’ bids, comments, viewers and the broadcaster; knows when I lead or am outbid', async () => {
    const [owner, alice, bob] = await Promise.all(['Owner', 'Alice', 'Bob'].map((n) => backend.signIn(n)));
    const ownerClient = await owner!.connect();
    const { auctionId, lot } = await liveAuction(owner!, ownerClient, { startingPrice: 1000, minIncrement: 100 });
    const aliceClient = await alice!.connect();
    const { result } = renderAs(alice!, aliceClient, () => useAuction(auctionId));

    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current.lot).toMatchObject({ id: lot!.id, product: 'Saffron, 1 kg', status: 'open', highestBid: null });
    expect(result.current).toMatchObject({ minimumBid: 1000, isOwner: false, leading: false, outbid: false, broadcasterPresent: false, viewerCount: 1 });

    await ownerClient.joinAuction({ auctionId });
    await waitFor(() => expect(result.current.broadcasterPresent).toBe(true));

    const bobClient = await bob!.connect();
    await bobClient.joinAuction({ auctionId });
    await bobClient.placeBid({ auctionId, amount: 1000 });
    await waitFor(() => expect(result.current.lot?.highestBid).toBe(1000));
    expect(result.current.recentBids.map((b) => [b.user.name, b.amount])).toEqual([['Bob', 1000]]);
    expect(result.current.minimumBid).toBe(1100);
    await waitFor(() => expect(result.current.viewerCount).toBe(3));

    await act(() => result.current.placeBid({ amount: 1100 }));
    expect(result.current).toMatchObject({ leading: true, outbid: false, myTopBid: 1100, minimumBid: 1200 });

    await bobClient.placeBid({ auctionId, amount: 1500 });
    await waitFor(() => expect(result.current.outbid).toBe(true));
    expect(result.current).toMatchObject({ leading: false, minimumBid: 1600 });
    expect(result.current.recentBids.map((b) => b.amount)).toEqual([1500, 1100, 1000]);

    const tooLow = await result.current.placeBid({ amount: 1500 }).catch((e: unknown) => e);
    expect(tooLow).toBeInstanceOf(BidwireError);
    expect(tooLow).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be higher than the current bid (1500)' });

    await bobClient.postComment({ auctionId, text: 'Mine!' });
    await waitFor(() => expect(result.current.recentComments[0]?.text).toBe('Mine!'));
    await act(() => result.current.postComment('We will see'));
    expect(result.current.recentComments.map((c) => c.text)).toEqual(['We will see', 'Mine!']);

    await ownerClient.leaveBroadcast({ auctionId });
    await waitFor(() => expect(result.current.broadcasterPresent).toBe(false));

    await ownerClient.awardLot({ auctionId });
    await waitFor(() => expect(result.current.lot?.status).toBe('sold'));
    expect(result.current.lastClosed).toMatchObject({ winner: { id: bob!.id }, winningBid: { amount: 1500 } });
    expect(result.current).toMatchObject({ won: false, outbid: false, leading: false, minimumBid: null });

    await ownerClient.openLot({ auctionId, product: 'Cardamom', startingPrice: 200 });
    await waitFor(() => expect(result.current.lot?.product).toBe('Cardamom'));
    expect(result.current).toMatchObject({ recentBids: [], lastClosed: null, myTopBid: null, minimumBid: 200 });

    await ownerClient.endAuction({ auctionId });
    await waitFor(() => expect(result.current.auction?.status).toBe('ended'));
    expect(result.current.lot?.status).toBe('unsold');
  });

  it('outbid by a maximum: the server’s automatic bid, outbid on my user room, then my own maximum and raising it', async () => {
    const [owner, alice, bob] = await Promise.all(['Owner', 'Alice', 'Bob'].map((n) => backend.signIn(n)));
    const ownerClient = await owner!.connect();
    const { auctionId } = await liveAuction(owner!, ownerClient, { startingPrice: 1000, minIncrement: 100 });
    const bobClient = await bob!.connect();
    await bobClient.joinAuction({ auctionId });
    await expect(bobClient.placeBid({ auctionId, amount: 1000, maxAmount: 3000 })).resolves.toMatchObject({ myMaxBid: 3000 });
    const { result } = renderAs(alice!, await alice!.connect(), () => useAuction(auctionId));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current).toMatchObject({ myMaxBid: null, minimumBid: 1100 });

    // Bob's maximum answers my 11.00 at once with an automatic 12.00.
    await act(() => result.current.placeBid({ amount: 1100 }));
    await waitFor(() => expect(result.current.outbidAt).toBe(1200));
    expect(result.current).toMatchObject({ leading: false, outbid: true, minimumBid: 1300, lot: { highestBid: 1200 } });
    expect(result.current.recentBids.map((b) => [b.user.name, b.amount, b.auto])).toEqual([['Bob', 1200, true], ['Alice', 1100, false], ['Bob', 1000, false]]);

    // My maximum beats his: the server bids for me up to his maximum + the increment.
    const bobOutbid = bobClient.waitFor('outbid', (e) => e.highestBid === 3100);
    await act(() => result.current.placeBid({ amount: 1300, maxAmount: 5000 }));
    await waitFor(() => expect(result.current.lot?.highestBid).toBe(3100));
    // The ack (its lot already at 31.00) comes before the room's bidPlaced events (SPEC §1 allows either order):
    // wait for the event of my automatic 31.00 too.
    await waitFor(() => expect(result.current.recentBids[0]?.amount).toBe(3100));
    expect(result.current).toMatchObject({ leading: true, outbid: false, myMaxBid: 5000, myTopBid: 3100 });
    expect(result.current.recentBids[0]).toMatchObject({ amount: 3100, auto: true, user: { name: 'Alice' } });
    await expect(bobOutbid).resolves.toMatchObject({ auctionId, highestBid: 3100 });

    // Raising my maximum as the leader records no bid.
    const bids = result.current.lot!.bidCount;
    await act(() => result.current.raiseMaximum(6000));
    expect(result.current).toMatchObject({ myMaxBid: 6000, leading: true, lot: { bidCount: bids, highestBid: 3100 } });
  });

  it('after a dropped connection, the bids missed meanwhile arrive replayed, in order, without a reload', async () => {
    const [owner, alice, bob] = await Promise.all(['Owner', 'Alice', 'Bob'].map((n) => backend.signIn(n)));
    const ownerClient = await owner!.connect();
    const { auctionId } = await liveAuction(owner!, ownerClient, { startingPrice: 100 });
    const bobClient = await bob!.connect();
    await bobClient.joinAuction({ auctionId });
    const aliceClient = await alice!.connect();
    const seen: Array<{ name: AuctionEventName; replayed: boolean }> = [];
    const onEvent = (e: AuctionEvent) => seen.push({ name: e.name, replayed: 'replayed' in e.payload && e.payload.replayed === true });
    const { result } = renderAs(alice!, aliceClient, () => useAuction(auctionId, { onEvent }));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    await act(() => result.current.placeBid({ amount: 100 }));

    aliceClient.disconnect();
    await bobClient.placeBid({ auctionId, amount: 200 });
    await bobClient.postComment({ auctionId, text: 'while you were away' });
    await bobClient.placeBid({ auctionId, amount: 300 });
    expect(result.current.lot?.highestBid).toBe(100);

    aliceClient.connect();
    await waitFor(() => expect(result.current.lot?.highestBid).toBe(300));
    expect(result.current.recentBids.map((b) => b.amount)).toEqual([300, 200, 100]);
    expect(result.current.lot?.bidCount).toBe(3);
    expect(result.current.recentComments[0]?.text).toBe('while you were away');
    expect(result.current).toMatchObject({ outbid: true, leading: false });
    const missed = seen.filter((e) => e.name === 'bidPlaced' || e.name === 'commentPosted').slice(-3);
    expect(missed).toEqual([
      { name: 'bidPlaced', replayed: true },
      { name: 'commentPosted', replayed: true },
      { name: 'bidPlaced', replayed: true },
    ]);
  });
});
