// SPEC §1 privacy: phone numbers, OTP codes and token data never leave the server in events, acks
// or (non-auth) REST answers, and every user in a payload is the public shape { id, name, avatarUrl? }.
import { ERROR_CODES, type BidwireClient } from '@bidwire/sdk';
import { expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flush, signInWithSecrets, waitUntil, type UserWithSecrets } from './fixtures.js';

interface Seen {
  where: string;
  payload: unknown;
}

const FORBIDDEN_KEYS = new Set(['phone', 'code', 'roles', 'tokenHash', 'codeHash', 'refreshToken', 'accessToken']);
const USER_KEYS = new Set(['user', 'owner', 'winner']);
const PUBLIC_USER_KEYS = new Set(['id', 'name', 'avatarUrl']);

/** `{ code, message }` with a contract error code: the one place a `code` key is expected. */
const isErrorPayload = (o: Record<string, unknown>) =>
  typeof o.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(o.code);

/** Calls `visit(key, value, parent)` for every property of every object inside `value`. */
function walk(value: unknown, visit: (key: string, v: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => walk(v, visit));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    visit(key, v, value as Record<string, unknown>);
    walk(v, visit);
  }
}

/** A secret as a digit-bounded pattern, so e.g. a code cannot "match" inside a longer timestamp. */
const digitsPattern = (digits: string) => new RegExp(`(?<!\\d)${digits}(?!\\d)`);

function secretsOf(u: UserWithSecrets): { label: string; test: (json: string) => boolean }[] {
  const plain = (label: string, s: string) => ({ label, test: (json: string) => json.includes(s) });
  const digits = (label: string, s: string) => ({ label, test: (json: string) => digitsPattern(s).test(json) });
  return [
    plain(`${u.name}'s phone`, u.phone),
    digits(`${u.name}'s phone without '+'`, u.phone.slice(1)),
    digits(`${u.name}'s national number`, u.phone.slice(2)),
    digits(`${u.name}'s OTP code`, u.code),
    plain(`${u.name}'s access token`, u.accessToken),
    plain(`${u.name}'s access token signature`, u.accessToken.split('.')[2]!),
    plain(`${u.name}'s refresh token`, u.refreshToken),
  ];
}

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

  // 1. No secret of any user appears anywhere, in any form.
  const secrets = users.flatMap(secretsOf);
  const leaks = seen.flatMap((s) => {
    const json = JSON.stringify(s.payload);
    return secrets.filter((secret) => secret.test(json)).map((secret) => `${secret.label} in ${s.where}`);
  });
  expect(leaks).toEqual([]);

  // 2. No private key anywhere (`code` only as the code of an error payload).
  const badKeys: string[] = [];
  for (const s of seen) {
    walk(s.payload, (key, _v, parent) => {
      if (!FORBIDDEN_KEYS.has(key)) return;
      if (key === 'code' && isErrorPayload(parent)) return;
      badKeys.push(`${key} in ${s.where}`);
    });
  }
  expect(badKeys).toEqual([]);

  // 3. Every user, owner and winner is exactly the public shape.
  const shapes: { where: string; value: unknown }[] = [];
  for (const s of seen) walk(s.payload, (key, value) => void (USER_KEYS.has(key) && value !== null && shapes.push({ where: s.where, value })));
  expect(shapes.length).toBeGreaterThan(20);
  for (const { where, value } of shapes) {
    const keys = Object.keys(value as object);
    expect(keys.filter((k) => !PUBLIC_USER_KEYS.has(k)), `${where}: ${JSON.stringify(value)}`).toEqual([]);
    expect(value, where).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(users.some((u) => u.id === (value as { id: string }).id && u.name === (value as { name: string }).name), where).toBe(true);
  }
});
