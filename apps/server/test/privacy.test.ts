// SPEC §1 privacy: phone numbers, OTP codes and token data never leave the server in events, acks
// or (non-auth) REST answers, and every user in a payload is the public shape { id, name, avatarUrl? }.
import type { BidwireClient } from '@bidwire/sdk';
import { expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flush, signInWithSecrets, waitUntil } from './fixtures.js';
import { privacyProblems, type Seen } from './privacy-checks.js';

it('never sends private user data in events, acks or REST answers', async () => {
  await using t = await startServer();
  const seen: Seen[] = [];
  const onRest = (url: string, body: string) => {
    if (!new URL(url).pathname.startsWith('/auth/') && body !== '') seen.push({ where: `REST ${url}`, payload: JSON.parse(body) });
  };
  const [owner, alice, bob, viewer] = await Promise.all(
    ['Owner', 'Alice', 'Bob', 'Viewer'].map((name) => signInWithSecrets(t, name, onRest)),
  );
  const users = [owner!, alice!, bob!, viewer!];
  const [ownerC, aliceC, bobC, viewerC] = await Promise.all(
    users.map(async (u) => {
      const client = await u.connect();
      client.socket.onAny((event: string, ...args: unknown[]) => seen.push({ where: `${u.name} <- ${event}`, payload: args }));
      return client;
    }),
  );
  const ack = async <T>(who: string, command: Promise<T>): Promise<T> => {
    try {
      const data = await command;
      seen.push({ where: `${who} ack`, payload: data });
      return data;
    } catch (error) {
      const e = error as { code: unknown; message: unknown; details?: unknown };
      seen.push({ where: `${who} error ack`, payload: { code: e.code, message: e.message, details: e.details } });
      throw error;
    }
  };

  // The whole Baraka flow: create, start, join, two lots, bids (one refused), comments, award, end.
  const auction = await owner!.rest.createAuction({ body: { title: 'Privacy auction', description: 'Saffron and dates' } });
  const auctionId = auction.id;
  await ack('owner', ownerC!.startAuction({ auctionId }));
  for (const [u, c] of [[owner, ownerC], [alice, aliceC], [bob, bobC], [viewer, viewerC]] as const) {
    await ack(u!.name, c!.joinAuction({ auctionId }));
  }
  const { lot } = await ack('owner', ownerC!.openLot({ auctionId, product: 'Saffron', startingPrice: 100, weight: 1 }));
  await ack('alice', aliceC!.placeBid({ auctionId, amount: 100 }));
  await ack('bob', bobC!.placeBid({ auctionId, amount: 120 }));
  await expect(ack('alice', aliceC!.placeBid({ auctionId, amount: 110 }))).rejects.toMatchObject({ code: 'BID_TOO_LOW' });
  await ack('alice', aliceC!.postComment({ auctionId, text: 'Nice saffron' }));
  await ack('viewer', viewerC!.postComment({ auctionId, text: 'Watching from afar' }));
  // A failing command without an ack: answered with an `error` event to that socket.
  aliceC!.socket.emit('placeBid', { auctionId, amount: -1 });
  const award = await ack('owner', ownerC!.awardLot({ auctionId }));
  expect(award.winner).toEqual({ id: bob!.id, name: 'Bob' });
  await ack('owner', ownerC!.openLot({ auctionId, product: 'Dates', startingPrice: 50 }));
  await ack('alice', aliceC!.placeBid({ auctionId, amount: 60 }));
  await ack('owner', ownerC!.endAuction({ auctionId }));
  await ack('viewer', viewerC!.leaveAuction({ auctionId }));

  await owner!.rest.getAuction({ params: { id: auctionId } });
  await viewer!.rest.listAuctions({ query: { status: 'ended' } });
  await alice!.rest.listLots({ params: { id: auctionId } });
  await viewer!.rest.listBids({ params: { id: auctionId, lotId: lot.id } });
  await bob!.rest.myWinnings();

  await waitUntil(() => seen.some((s) => s.where === 'Alice <- auctionEnded'), 'auctionEnded at Alice');
  await waitUntil(() => seen.some((s) => s.where === 'Alice <- error'), 'the error event at Alice');
  await Promise.all([ownerC, aliceC, bobC, viewerC].map((c) => flush(c as BidwireClient)));

  // The recorder really saw the flow (else the checks below would pass vacuously).
  const events = (who: string) => seen.filter((s) => s.where.startsWith(`${who} <- `)).map((s) => s.where.slice(who.length + 4));
  expect(events('Bob')).toEqual(expect.arrayContaining(['auctionStarted', 'lotOpened', 'bidPlaced', 'commentPosted', 'lotClosed', 'auctionEnded']));
  expect(events('Viewer').filter((e) => e === 'bidPlaced')).toHaveLength(3);
  expect(events('Alice')).toContain('error');
  expect(seen.filter((s) => s.where.startsWith('REST '))).toHaveLength(6);

  // No secret of any user in any form, no private key (`code` only in error payloads), and every user,
  // owner and winner exactly the public shape of a real user.
  const problems = privacyProblems(seen, users);
  expect(problems.leaks).toEqual([]);
  expect(problems.users).toBeGreaterThan(20);
});
