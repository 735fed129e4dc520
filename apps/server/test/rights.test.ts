// SPEC §3 rights and states: who may run which command in which state, with the exact codes and
// messages, and nothing changes after a refused command. REST rights follow.
import { restRoutes } from '@bidwire/contract';
import { BidwireError, type BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness.js';
import { auctionState, http, liveAuction } from './raw-socket.js';

/** The SDK's rejection of `call`, which must be a BidwireError with exactly this code and message. */
async function refused(call: Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  const error = await call.then(
    (data) => {
      throw new Error(`expected ${code}, got success: ${JSON.stringify(data)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BidwireError);
  expect((error as BidwireError).code).toBe(code);
  if (typeof message === 'string') expect((error as BidwireError).message).toBe(message);
  else expect((error as BidwireError).message).toMatch(message);
}

const ONLY_OWNER = 'Only the auction owner can do that.';

describe('socket command rights', () => {
  it("a non-owner's owner commands → FORBIDDEN, nothing changes", async () => {
    await using t = await startServer();
    const a = await liveAuction(t);
    const mallory = await t.signIn('Mallory');
    const m = await mallory.connect();
    await m.joinAuction({ auctionId: a.auctionId });
    const before = await auctionState(t, mallory, a.auctionId);
    const auctionId = a.auctionId;
    await refused(m.startAuction({ auctionId }), 'FORBIDDEN', ONLY_OWNER);
    await refused(m.openLot({ auctionId, product: 'Fake', startingPrice: 1 }), 'FORBIDDEN', ONLY_OWNER);
    await refused(m.awardLot({ auctionId }), 'FORBIDDEN', ONLY_OWNER);
    await refused(m.endAuction({ auctionId }), 'FORBIDDEN', ONLY_OWNER);
    await refused(m.cancelAuction({ auctionId }), 'FORBIDDEN', ONLY_OWNER);
    await refused(m.leaveBroadcast({ auctionId }), 'FORBIDDEN', ONLY_OWNER);
    expect(await auctionState(t, mallory, auctionId)).toEqual(before);
    expect((await a.ownerClient.joinAuction({ auctionId })).broadcasterPresent).toBe(true);
  });

  it('the owner cannot bid; bids and comments need joining first', async () => {
    await using t = await startServer();
    const a = await liveAuction(t);
    const carol = await t.signIn('Carol');
    const c = await carol.connect();
    const before = await auctionState(t, carol, a.auctionId);
    const auctionId = a.auctionId;
    // The owner joined in liveAuction().
    await refused(a.ownerClient.placeBid({ auctionId, amount: 10_000 }), 'FORBIDDEN', 'You cannot bid on your own auction.');
    await refused(c.placeBid({ auctionId, amount: 10_000 }), 'FORBIDDEN', 'Join the auction first.');
    await refused(c.postComment({ auctionId, text: 'hello' }), 'FORBIDDEN', 'Join the auction first.');
    // Membership ends with leaveAuction.
    await c.joinAuction({ auctionId });
    await c.leaveAuction({ auctionId });
    await refused(c.placeBid({ auctionId, amount: 10_000 }), 'FORBIDDEN', 'Join the auction first.');
    expect(await auctionState(t, carol, auctionId)).toEqual(before);
  });

  it('bids below the rule → BID_TOO_LOW with the exact amount in the message', async () => {
    await using t = await startServer();
    const owner = await t.signIn('Owner');
    const bob = await t.signIn('Bob');
    const o = await owner.connect();
    const b = await bob.connect();
    const { id: auctionId } = await owner.rest.createAuction({ body: { title: 'Rugs' } });
    await o.startAuction({ auctionId });
    await o.openLot({ auctionId, product: 'Rug', startingPrice: 100, minIncrement: 10 });
    await b.joinAuction({ auctionId });
    const empty = await auctionState(t, bob, auctionId);
    await refused(b.placeBid({ auctionId, amount: 99 }), 'BID_TOO_LOW', 'Bid must be at least the starting price (100)');
    await refused(b.placeBid({ auctionId, amount: 1 }), 'BID_TOO_LOW', 'Bid must be at least the starting price (100)');
    expect(await auctionState(t, bob, auctionId)).toEqual(empty);
    await b.placeBid({ auctionId, amount: 150 });
    const withBid = await auctionState(t, bob, auctionId);
    await refused(b.placeBid({ auctionId, amount: 150 }), 'BID_TOO_LOW', 'Bid must be higher than the current bid (150)');
    await refused(b.placeBid({ auctionId, amount: 159 }), 'BID_TOO_LOW', 'Bid must be higher than the current bid (150)');
    expect(await auctionState(t, bob, auctionId)).toEqual(withBid);
    expect((await b.placeBid({ auctionId, amount: 160 })).lot.highestBid).toBe(160);
  });

  it('state rules: joining or canceling a scheduled auction → INVALID_STATE', async () => {
    await using t = await startServer();
    const owner = await t.signIn('Owner');
    const dave = await t.signIn('Dave');
    const o = await owner.connect();
    const d = await dave.connect();
    const { id: auctionId } = await owner.rest.createAuction({ body: { title: 'Later' } });
    const before = await owner.rest.getAuction({ params: { id: auctionId } });
    await refused(d.joinAuction({ auctionId }), 'INVALID_STATE', 'Auction has not started yet.');
    await refused(o.joinAuction({ auctionId }), 'INVALID_STATE', 'Auction has not started yet.');
    await refused(o.cancelAuction({ auctionId }), 'INVALID_STATE', 'You can only cancel live auctions.');
    expect(await owner.rest.getAuction({ params: { id: auctionId } })).toEqual(before);
    expect((await owner.rest.listLots({ params: { id: auctionId } })).items).toEqual([]);
  });

  it('an unknown auction id → NOT_FOUND for every auction command', async () => {
    await using t = await startServer();
    const eve = await t.signIn('Eve');
    const e: BidwireClient = await eve.connect();
    const auctionId = 'no-such-auction';
    const notFound = 'Auction not found.';
    await refused(e.startAuction({ auctionId }), 'NOT_FOUND', notFound);
    await refused(e.joinAuction({ auctionId }), 'NOT_FOUND', notFound);
    await refused(e.openLot({ auctionId, product: 'X', startingPrice: 1 }), 'NOT_FOUND', notFound);
    await refused(e.placeBid({ auctionId, amount: 5 }), 'NOT_FOUND', notFound);
    await refused(e.postComment({ auctionId, text: 'hi' }), 'NOT_FOUND', notFound);
    await refused(e.awardLot({ auctionId }), 'NOT_FOUND', notFound);
    await refused(e.endAuction({ auctionId }), 'NOT_FOUND', notFound);
    await refused(e.cancelAuction({ auctionId }), 'NOT_FOUND', notFound);
    await refused(e.leaveBroadcast({ auctionId }), 'NOT_FOUND', notFound);
    expect((await eve.rest.listAuctions()).items).toEqual([]);
  });
});

describe('REST rights', () => {
  it("non-owner PATCH → 403 and the auction is unchanged; the owner's PATCH works", async () => {
    await using t = await startServer();
    const owner = await t.signIn('Owner');
    const other = await t.signIn('Other');
    const created = await owner.rest.createAuction({ body: { title: 'Mine' } });
    const res = await http(t.url, 'PATCH', `/auctions/${created.id}`, { token: other.token, body: { title: 'Stolen' } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN', message: ONLY_OWNER } });
    expect(await owner.rest.getAuction({ params: { id: created.id } })).toEqual(created);
    const ok = await http(t.url, 'PATCH', `/auctions/${created.id}`, { token: owner.token, body: { title: 'Renamed' } });
    expect(ok.status).toBe(200);
    expect(ok.body.title).toBe('Renamed');
  });

  it('POST /categories: non-admin → 403, admin (ADMIN_PHONES) → 201', async () => {
    const adminPhone = '+15550009999';
    await using t = await startServer({ ADMIN_PHONES: `+15550001111,${adminPhone}` });
    const user = await t.signIn('User');
    const admin = await t.signIn('Admin', { phone: adminPhone });
    const denied = await http(t.url, 'POST', '/categories', { token: user.token, body: { name: 'Spices' } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: 'FORBIDDEN', message: 'Only admins can create categories.' } });
    expect((await user.rest.listCategories()).items).toEqual([]);
    const created = await http(t.url, 'POST', '/categories', { token: admin.token, body: { name: 'Spices' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Spices' });
    expect((await user.rest.listCategories()).items).toEqual([created.body]);
  });

  it('every route that needs a token → 401 without one (or with a bad one)', async () => {
    await using t = await startServer();
    const routes = Object.values(restRoutes).filter((r) => r.auth);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, 'x1');
      const body = route.method === 'POST' || route.method === 'PATCH' ? { title: 'T', name: 'N' } : undefined;
      const none = await http(t.url, route.method, path, body === undefined ? {} : { body });
      expect(none.status, `${route.method} ${route.path}`).toBe(401);
      expect(none.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'No token provided' } });
      const bad = await http(t.url, route.method, path, { token: 'garbage', ...(body === undefined ? {} : { body }) });
      expect(bad.status, `${route.method} ${route.path} with a bad token`).toBe(401);
      expect(bad.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Invalid or expired token' } });
    }
    const user = await t.signIn('Late');
    expect((await user.rest.listAuctions()).items).toEqual([]);
    expect((await user.rest.listCategories()).items).toEqual([]);
  });
});
