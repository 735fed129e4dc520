// The whole live-auction flow of SPEC §3 through real sockets, the real SDK and a real SQLite file.
import { describe, expect, it } from 'vitest';
import type { BidwireClient, EventName, EventPayload } from '@bidwire/sdk';
import { startServer } from './harness.js';

/** Records every contract event a client receives, in arrival order. */
function record(client: BidwireClient) {
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  client.socket.onAny((event: string, payload: Record<string, unknown>) => events.push({ event, payload }));
  return {
    events,
    of: <K extends EventName>(name: K) => events.filter((e) => e.event === name).map((e) => e.payload as EventPayload<K>),
    seqs: () => events.map((e) => e.payload.seq).filter((s): s is number => typeof s === 'number'),
  };
}

describe('live auction, end to end', () => {
  it('runs create → start → join → lots, bids, comments → award → second lot → end', async () => {
    await using t = await startServer();
    const [owner, alice, bob, viewer] = await Promise.all(['Olivia', 'Alice', 'Bob', 'Victor'].map((n) => t.signIn(n)));
    const [ownerC, aliceC, bobC, viewerTab1, viewerTab2] = await Promise.all([
      owner!.connect(), alice!.connect(), bob!.connect(), viewer!.connect(), viewer!.connect(),
    ]);
    const seen = record(viewerTab1!);

    // Create over REST: scheduled, the caller owns it.
    const auction = await owner!.rest.createAuction({ body: { title: 'Sunday market', description: 'Fresh dates' } });
    expect(auction).toMatchObject({ title: 'Sunday market', status: 'scheduled', owner: { id: owner!.id, name: 'Olivia' } });

    // Start: auctionStarted reaches sockets that have not joined anything.
    const started = viewerTab2!.waitFor('auctionStarted', (p) => p.auction.id === auction.id);
    const ack = await ownerC!.startAuction({ auctionId: auction.id });
    expect(ack.auction.status).toBe('live');
    expect((await started).auction).toMatchObject({ id: auction.id, status: 'live' });

    // Join: the snapshot; two tabs of one user count once.
    const snapA = await aliceC!.joinAuction({ auctionId: auction.id });
    expect(snapA).toMatchObject({ auction: { id: auction.id, status: 'live' }, lot: null, recentBids: [], recentComments: [], broadcasterPresent: false, seq: 0 });
    expect(snapA.viewerCount).toBe(1);
    await bobC!.joinAuction({ auctionId: auction.id });
    await viewerTab1!.joinAuction({ auctionId: auction.id });
    const snapV2 = await viewerTab2!.joinAuction({ auctionId: auction.id });
    expect(snapV2.viewerCount).toBe(3);
    await aliceC!.waitFor('viewerCountChanged', (p) => p.auctionId === auction.id && p.viewerCount === 3, 3_000);

    // Open a lot (the owner need not join to run owner commands).
    const lotOpened = aliceC!.waitFor('lotOpened');
    const { lot } = await ownerC!.openLot({ auctionId: auction.id, product: 'Medjool dates', weight: 5, startingPrice: 100, minIncrement: 10, marketPrice: 180 });
    expect(lot).toMatchObject({ product: 'Medjool dates', status: 'open', highestBid: null, bidCount: 0, startingPrice: 100, minIncrement: 10, weight: 5, marketPrice: 180 });
    expect((await lotOpened).seq).toBe(snapA.seq + 1);

    // Bids, with too-low ones refused with the SPEC's exact messages.
    await expect(aliceC!.placeBid({ auctionId: auction.id, amount: 99 })).rejects.toMatchObject({
      code: 'BID_TOO_LOW', message: 'Bid must be at least the starting price (100)', command: 'placeBid',
    });
    const first = await aliceC!.placeBid({ auctionId: auction.id, amount: 100 });
    expect(first.bid).toMatchObject({ amount: 100, user: { id: alice!.id, name: 'Alice' }, lotId: lot.id });
    expect(first.lot).toMatchObject({ highestBid: 100, bidCount: 1 });
    await expect(bobC!.placeBid({ auctionId: auction.id, amount: 109 })).rejects.toMatchObject({
      code: 'BID_TOO_LOW', message: 'Bid must be higher than the current bid (100)',
    });
    const bidEvent = bobC!.waitFor('bidPlaced', (p) => p.bid.amount === 110);
    const second = await bobC!.placeBid({ auctionId: auction.id, amount: 110 });
    expect(second.lot).toMatchObject({ highestBid: 110, bidCount: 2 });
    expect(await bidEvent).toMatchObject({ auctionId: auction.id, lotId: lot.id, highestBid: 110, bidCount: 2, bid: { id: second.bid.id } });

    // Comments.
    const commentEvent = viewerTab1!.waitFor('commentPosted');
    const { comment } = await aliceC!.postComment({ auctionId: auction.id, text: '  Are they from Siwa?  ' });
    expect(comment).toMatchObject({ text: 'Are they from Siwa?', user: { id: alice!.id } });
    expect((await commentEvent).comment.id).toBe(comment.id);

    // Award: Bob's 110 wins; the winning record exists; bids and comments stay readable.
    const closedEvent = aliceC!.waitFor('lotClosed');
    const award = await ownerC!.awardLot({ auctionId: auction.id });
    expect(award.lot).toMatchObject({ id: lot.id, status: 'sold', highestBid: 110, bidCount: 2 });
    expect(award.winningBid).toMatchObject({ id: second.bid.id, amount: 110 });
    expect(award.winner).toEqual({ id: bob!.id, name: 'Bob' });
    expect(award.winning).toMatchObject({ userId: bob!.id, auctionId: auction.id, lotId: lot.id, product: 'Medjool dates', price: 110, weight: 5 });
    expect((await closedEvent).winner).toEqual({ id: bob!.id, name: 'Bob' });
    const winnings = await bob!.rest.myWinnings();
    expect(winnings.items.map((w) => w.lotId)).toEqual([lot.id]);
    expect((await alice!.rest.myWinnings()).items).toEqual([]);
    const bids = await viewer!.rest.listBids({ params: { id: auction.id, lotId: lot.id } });
    expect(bids.items.map((b) => b.amount)).toEqual([110, 100]);
    await expect(aliceC!.placeBid({ auctionId: auction.id, amount: 500 })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    // A second lot, unsold at the end: endAuction closes it unsold even with bids.
    const { lot: lot2 } = await ownerC!.openLot({ auctionId: auction.id, product: 'Olive oil', startingPrice: 50 });
    await aliceC!.placeBid({ auctionId: auction.id, amount: 60 });
    const ended = viewerTab1!.waitFor('auctionEnded');
    const end = await ownerC!.endAuction({ auctionId: auction.id });
    expect(end.auction).toMatchObject({ status: 'ended' });
    expect((await ended).auction.status).toBe('ended');
    const lots = await owner!.rest.listLots({ params: { id: auction.id } });
    expect(lots.items.map((l) => [l.id, l.status])).toEqual([[lot.id, 'sold'], [lot2.id, 'unsold']]);
    expect((await bob!.rest.getAuction({ params: { id: auction.id } })).status).toBe('ended');

    // The history is kept: a late REST reader sees both lots' bids.
    expect((await viewer!.rest.listBids({ params: { id: auction.id, lotId: lot2.id } })).items.map((b) => b.amount)).toEqual([60]);

    // Every durable room event reached the viewer once, in seq order, without a gap.
    const seqs = seen.seqs();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seen.of('lotClosed').map((p) => p.lot.status)).toEqual(['sold', 'unsold']);
    expect(seen.of('lotClosed')[1]).toMatchObject({ winningBid: null, winner: null });
    expect(seen.events.map((e) => e.event).filter((e) => e !== 'viewerCountChanged' && e !== 'auctionStarted')).toEqual([
      'lotOpened', 'bidPlaced', 'bidPlaced', 'commentPosted', 'lotClosed', 'lotOpened', 'bidPlaced', 'lotClosed', 'auctionEnded',
    ]);

    // A joiner after the end is refused.
    await expect(bobC!.joinAuction({ auctionId: auction.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('cancels a live auction; cancel is refused when not live', async () => {
    await using t = await startServer();
    const [owner, alice] = await Promise.all([t.signIn('Olivia'), t.signIn('Alice')]);
    const [ownerC, aliceC] = await Promise.all([owner!.connect(), alice!.connect()]);
    const auction = await owner!.rest.createAuction({ body: { title: 'Evening lots' } });
    await expect(ownerC!.cancelAuction({ auctionId: auction.id })).rejects.toMatchObject({
      code: 'INVALID_STATE', message: 'You can only cancel live auctions.',
    });
    await ownerC!.startAuction({ auctionId: auction.id });
    await aliceC!.joinAuction({ auctionId: auction.id });
    await ownerC!.openLot({ auctionId: auction.id, product: 'Saffron', startingPrice: 10 });
    await aliceC!.placeBid({ auctionId: auction.id, amount: 10 });
    const canceled = aliceC!.waitFor('auctionCanceled');
    const result = await ownerC!.cancelAuction({ auctionId: auction.id });
    expect(result.auction.status).toBe('canceled');
    expect(await canceled).toMatchObject({ auctionId: auction.id, message: 'The auction was canceled by the seller.' });
    await expect(ownerC!.cancelAuction({ auctionId: auction.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const lots = await alice!.rest.listLots({ params: { id: auction.id } });
    expect(lots.items.map((l) => l.status)).toEqual(['unsold']);
    expect((await alice!.rest.myWinnings()).items).toEqual([]);
  });

  it('tracks the broadcaster: join, leaveBroadcast, rejoin, disconnect', async () => {
    await using t = await startServer();
    const [owner, alice] = await Promise.all([t.signIn('Olivia'), t.signIn('Alice')]);
    const [ownerC, aliceC] = await Promise.all([owner!.connect(), alice!.connect()]);
    const auction = await owner!.rest.createAuction({ body: { title: 'Live from the farm' } });
    await ownerC!.startAuction({ auctionId: auction.id });
    const seen = record(aliceC!);
    expect((await aliceC!.joinAuction({ auctionId: auction.id })).broadcasterPresent).toBe(false);

    const joined = aliceC!.waitFor('broadcasterJoined');
    const ownerSnap = await ownerC!.joinAuction({ auctionId: auction.id });
    expect(ownerSnap.broadcasterPresent).toBe(true);
    expect(await joined).toMatchObject({ auctionId: auction.id, seq: 1 });

    const left = aliceC!.waitFor('broadcasterLeft');
    await ownerC!.leaveBroadcast({ auctionId: auction.id });
    expect(await left).toMatchObject({ auctionId: auction.id, seq: 2 });
    expect((await aliceC!.joinAuction({ auctionId: auction.id })).broadcasterPresent).toBe(false);
    await expect(aliceC!.leaveBroadcast({ auctionId: auction.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A second owner tab joining makes the broadcaster present again; closing one tab of two does not end it.
    const ownerTab2 = await owner!.connect();
    const rejoined = aliceC!.waitFor('broadcasterJoined', (p) => p.seq === 3);
    await ownerTab2.joinAuction({ auctionId: auction.id });
    await rejoined;
    ownerTab2.close();
    await expect(aliceC!.waitFor('broadcasterLeft', undefined, 500)).rejects.toMatchObject({ code: 'TIMEOUT' });

    // The owner's last socket disconnecting: broadcasterLeft.
    const gone = aliceC!.waitFor('broadcasterLeft', (p) => p.seq === 4, 3_000);
    ownerC!.close();
    await gone;
    expect(seen.of('broadcasterJoined').length).toBe(2);
    expect(seen.of('broadcasterLeft').length).toBe(2);
  });

  it('leaveAuction and disconnect update the viewer count', async () => {
    await using t = await startServer();
    const [owner, alice, bob] = await Promise.all([t.signIn('Olivia'), t.signIn('Alice'), t.signIn('Bob')]);
    const [ownerC, aliceC, bobC] = await Promise.all([owner!.connect(), alice!.connect(), bob!.connect()]);
    const auction = await owner!.rest.createAuction({ body: { title: 'Counting' } });
    await ownerC!.startAuction({ auctionId: auction.id });
    await aliceC!.joinAuction({ auctionId: auction.id });
    expect((await bobC!.joinAuction({ auctionId: auction.id })).viewerCount).toBe(2);
    await aliceC!.waitFor('viewerCountChanged', (p) => p.viewerCount === 2, 3_000);
    expect(await bobC!.leaveAuction({ auctionId: auction.id })).toEqual({});
    await aliceC!.waitFor('viewerCountChanged', (p) => p.viewerCount === 1, 3_000);
    await expect(bobC!.placeBid({ auctionId: auction.id, amount: 1 })).rejects.toMatchObject({ message: 'Join the auction first.' });
    await bobC!.joinAuction({ auctionId: auction.id });
    await aliceC!.waitFor('viewerCountChanged', (p) => p.viewerCount === 2, 3_000);
    bobC!.close();
    await aliceC!.waitFor('viewerCountChanged', (p) => p.viewerCount === 1, 3_000);
  });
});
