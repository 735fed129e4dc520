// SPEC §1 idempotency: a creating command retried with the same requestId (one after the other or
// at the same time) answers the first result and creates and broadcasts nothing new; requestId is
// unique per user, so another user's identical string is a different request.
import type { BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness.js';
import { createLiveAuctionWithLot, flush, joinAll, listAllBids, lotOf, record, signInMany, waitUntil } from './fixtures.js';

async function setup(t: TestServer) {
  const [owner, alice, bob, viewerUser] = await signInMany(t, 4, 'Idem');
  const live = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
  const [aliceClient, bobClient, viewer] = await joinAll([alice!, bob!, viewerUser!], live.auctionId);
  const bids = record(viewer!, 'bidPlaced');
  const comments = record(viewer!, 'commentPosted');
  return { owner: owner!, alice: alice!, bob: bob!, aliceClient: aliceClient!, bobClient: bobClient!, viewer: viewer!, bids, comments, ...live };
}

/** The comments a fresh member sees in the snapshot (there is no REST list of comments). */
async function storedComments(client: BidwireClient, auctionId: string) {
  const snapshot = await client.joinAuction({ auctionId });
  return snapshot.recentComments;
}

describe('placeBid with a requestId', () => {
  it('sent twice in a row: one bid, identical acks, one broadcast', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const first = await s.aliceClient.placeBid({ auctionId: s.auctionId, amount: 150, requestId: 'bid-1' });
    const second = await s.aliceClient.placeBid({ auctionId: s.auctionId, amount: 150, requestId: 'bid-1' });

    expect(second).toEqual(first);
    expect(first.bid).toMatchObject({ amount: 150, user: { id: s.alice.id, name: s.alice.name } });
    expect(await listAllBids(s.owner, s.auctionId, s.lot.id)).toEqual([first.bid]);
    expect(await lotOf(s.owner, s.auctionId, s.lot.id)).toMatchObject({ bidCount: 1, highestBid: 150 });
    await waitUntil(() => s.bids.length >= 1, 'bidPlaced');
    await flush(s.viewer);
    expect(s.bids.map((e) => e.bid)).toEqual([first.bid]);
  });

  it('sent twice at the same time: one bid, identical acks, one broadcast', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const payload = { auctionId: s.auctionId, amount: 150, requestId: 'bid-concurrent' };
    const [a, b] = await Promise.allSettled([s.aliceClient.placeBid(payload), s.aliceClient.placeBid(payload)]);

    expect(a.status).toBe('fulfilled');
    expect(b).toEqual(a);
    const ack = (a as PromiseFulfilledResult<Awaited<ReturnType<BidwireClient['placeBid']>>>).value;
    expect(ack.bid).toMatchObject({ amount: 150, user: { id: s.alice.id } });
    expect(await listAllBids(s.owner, s.auctionId, s.lot.id)).toEqual([ack.bid]);
    expect(await lotOf(s.owner, s.auctionId, s.lot.id)).toMatchObject({ bidCount: 1, highestBid: 150 });
    await waitUntil(() => s.bids.length >= 1, 'bidPlaced');
    await flush(s.viewer);
    expect(s.bids.map((e) => e.bid)).toEqual([ack.bid]);
  });

  it('is unique per user: another user reusing the same string gets their own bid', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const mine = await s.aliceClient.placeBid({ auctionId: s.auctionId, amount: 150, requestId: 'shared-id' });
    const theirs = await s.bobClient.placeBid({ auctionId: s.auctionId, amount: 160, requestId: 'shared-id' });

    expect(theirs.bid.id).not.toBe(mine.bid.id);
    expect(theirs.bid).toMatchObject({ amount: 160, user: { id: s.bob.id } });
    expect(theirs.lot).toMatchObject({ bidCount: 2, highestBid: 160 });
    expect(await listAllBids(s.owner, s.auctionId, s.lot.id)).toEqual([theirs.bid, mine.bid]);
    await waitUntil(() => s.bids.length >= 2, 'two bidPlaced');
    await flush(s.viewer);
    expect(s.bids.map((e) => e.bid)).toEqual([mine.bid, theirs.bid]);
  });
});

describe('postComment with a requestId', () => {
  it('sent twice in a row: one comment, identical acks, one broadcast', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const first = await s.aliceClient.postComment({ auctionId: s.auctionId, text: 'Hello!', requestId: 'c-1' });
    const second = await s.aliceClient.postComment({ auctionId: s.auctionId, text: 'Hello!', requestId: 'c-1' });

    expect(second).toEqual(first);
    expect(first.comment).toMatchObject({ text: 'Hello!', user: { id: s.alice.id } });
    expect(await storedComments(s.bobClient, s.auctionId)).toEqual([first.comment]);
    await waitUntil(() => s.comments.length >= 1, 'commentPosted');
    await flush(s.viewer);
    expect(s.comments.map((e) => e.comment)).toEqual([first.comment]);
  });

  it('sent twice at the same time: one comment, identical acks, one broadcast', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const payload = { auctionId: s.auctionId, text: 'Twice?', requestId: 'c-concurrent' };
    const [a, b] = await Promise.allSettled([s.aliceClient.postComment(payload), s.aliceClient.postComment(payload)]);

    expect(a.status).toBe('fulfilled');
    expect(b).toEqual(a);
    const ack = (a as PromiseFulfilledResult<Awaited<ReturnType<BidwireClient['postComment']>>>).value;
    expect(await storedComments(s.bobClient, s.auctionId)).toEqual([ack.comment]);
    await waitUntil(() => s.comments.length >= 1, 'commentPosted');
    await flush(s.viewer);
    expect(s.comments.map((e) => e.comment)).toEqual([ack.comment]);
  });

  it('is unique per user: another user reusing the same string gets their own comment', async () => {
    await using t = await startServer();
    const s = await setup(t);
    const mine = await s.aliceClient.postComment({ auctionId: s.auctionId, text: 'First', requestId: 'shared-id' });
    const theirs = await s.bobClient.postComment({ auctionId: s.auctionId, text: 'Second', requestId: 'shared-id' });

    expect(theirs.comment.id).not.toBe(mine.comment.id);
    expect(theirs.comment).toMatchObject({ text: 'Second', user: { id: s.bob.id } });
    expect((await storedComments(s.viewer, s.auctionId)).map((c) => c.id).sort()).toEqual([mine.comment.id, theirs.comment.id].sort());
    await waitUntil(() => s.comments.length >= 2, 'two commentPosted');
    await flush(s.viewer);
    expect(s.comments.map((e) => e.comment).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [mine.comment, theirs.comment].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });
});
