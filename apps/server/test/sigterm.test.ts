// SIGTERM (SPEC §9; issue 16, item 4), on the real server as a child process: with 20 bids in flight from the
// SDK and 20 from a plain socket.io-client (default options), the server drains — finishes them, delivers
// their acks, closes the connections at the transport — and exits within SHUTDOWN_GRACE_MS; restarted on the
// same database, both clients reconnect by themselves. Every stored bid was reported ok to its sender, and
// nothing reported failed was stored. On PostgreSQL and MySQL the auction's seq row is held locked from
// outside while the bids arrive and the signal lands, so they are surely in flight; on SQLite (whose writers
// would block the whole process) the signal follows the burst at once.
import { createRestClient, type BidwireError } from '@bidwire/sdk';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { resilientClient, waitFor } from './support/resilient-client.js';
import { lockRoom, type RoomLock } from './support/room-lock.js';
import { serverPerTest } from './support/server-per-test.js';
import { signInOverRest } from './support/server-process.js';
import { testDbProvider } from './support/test-database.js';

const JWT_SECRET = 'sigterm-test-secret-0123456789abcdefghij';
const GRACE_MS = 5_000;
const BIDS = 20;
const signIn = (url: string, name: string) => signInOverRest(url, name, '+1559');

type Ack = { ok: true; data: { bid: { id: string; amount: number } } } | { ok: false; error: { code: string; message: string } };
/** What the plain client learnt of one bid: the server's answer, or socket.io-client's own error. */
type RawOutcome = { ack: Ack } | { lost: string };

const startServerProcess = serverPerTest();
let lock: RoomLock | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await lock?.release().catch(() => undefined);
  lock = undefined;
});

describe('SIGTERM with bids in flight, then a restart on the same database', () => {
  it('acks every stored bid to its sender, exits within the grace period, and both clients reconnect by themselves', async () => {
    const provider = testDbProvider();
    const { server, database } = await startServerProcess({ JWT_SECRET, SHUTDOWN_GRACE_MS: String(GRACE_MS), RATE_LIMITS: 'placeBid=1000' });
    const url = server.url;
    const [owner, sdkUser, rawUser] = await Promise.all(['Owner', 'SDK bidder', 'Plain bidder'].map((n) => signIn(url, n)));
    const auction = await owner!.rest.createAuction({ body: { title: 'Drain test' } });
    const ownerClient = await resilientClient(url, { token: owner!.accessToken });
    await ownerClient.startAuction({ auctionId: auction.id });
    const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Indigo', startingPrice: 100, minIncrement: 1 });

    const sdk = await resilientClient(url, { token: sdkUser!.accessToken });
    await sdk.joinAuction({ auctionId: auction.id });
    const sdkStates: string[] = [];
    sdk.onState((s) => sdkStates.push(s));

    // A plain socket.io-client with default options (polling, then the upgrade; its own reconnection delays).
    const raw = io(url, { auth: { token: rawUser!.accessToken }, forceNew: true });
    sockets.push(raw);
    let rawConnects = 0;
    const rawReasons: string[] = [];
    raw.on('connect', () => rawConnects++);
    raw.on('disconnect', (reason) => rawReasons.push(reason));
    await waitFor(() => raw.connected, 'the plain client to connect');
    const joined = await raw.timeout(5_000).emitWithAck('joinAuction', { auctionId: auction.id });
    expect(joined).toMatchObject({ ok: true });

    if (provider !== 'sqlite') lock = await lockRoom(provider, database.url, `auction:${auction.id}`);
    // Even amounts from the SDK, odd ones from the plain client (which of them are accepted depends on the order).
    const sdkBids = Promise.allSettled(Array.from({ length: BIDS }, (_, i) => sdk.placeBid({ auctionId: auction.id, amount: 100 + 2 * i })));
    const rawBids = Array.from(
      { length: BIDS },
      (_, i) =>
        new Promise<RawOutcome>((resolve) =>
          raw.timeout(20_000).emit('placeBid', { auctionId: auction.id, amount: 101 + 2 * i }, (err: Error | null, ack: Ack) =>
            resolve(err ? { lost: err.message } : { ack }),
          ),
        ),
    );
    if (lock) await new Promise((r) => setTimeout(r, 300)); // every bid has arrived, and waits on the lock
    else await new Promise<void>((r) => sdk.socket.once('bidPlaced', () => r())); // SQLite: the burst is being stored
    const terminated = server.terminate();
    if (lock) {
      await new Promise((r) => setTimeout(r, 500)); // the server drains: the bids wait on
      await lock.release();
      lock = undefined;
    }
    const { code, ms } = await terminated;
    expect(ms, server.output()).toBeLessThan(GRACE_MS);
    expect(code).toBe(0);
    console.info(`${provider}: exited ${ms} ms after SIGTERM`);
    if (provider !== 'sqlite') expect(ms).toBeGreaterThanOrEqual(500); // it waited for the bids held on the lock

    // The plain client saw its transport close, not `io server disconnect` (after which it would never reconnect).
    await waitFor(() => rawReasons.length > 0, 'the plain client to see the close');
    expect(rawReasons).toEqual(['transport close']);
    const rawOutcomes = await Promise.all(rawBids);

    await server.start();
    await waitFor(() => rawConnects === 2, 'the plain client to reconnect by itself', 20_000);
    await waitFor(() => sdk.state === 'connected' && sdkStates.includes('reconnecting'), 'the SDK to reconnect by itself', 20_000);
    const sdkOutcomes = await sdkBids;

    const stored = await listBids(sdkUser!.rest, auction.id, lot.id);
    expect(stored.length).toBeGreaterThan(0);
    const okIds = new Map<string, number>();
    for (const o of sdkOutcomes) if (o.status === 'fulfilled') okIds.set(o.value.bid.id, o.value.bid.amount);
    for (const o of rawOutcomes) if ('ack' in o && o.ack.ok) okIds.set(o.ack.data.bid.id, o.ack.data.bid.amount);
    // Every stored bid was reported ok to its sender, and every bid reported ok is stored.
    for (const bid of stored) expect(okIds.get(bid.id), `stored bid ${bid.amount}`).toBe(bid.amount);
    expect(okIds.size).toBe(stored.length);
    // What failed failed for a real reason: every plain bid in flight was answered (no ack lost with the
    // connection), and the only refusals are a bid too low or the drain's UNAVAILABLE (never executed). On
    // SQLite a bid may still be on the wire when the connection closes: it is lost to its sender, and not stored
    // (checked above: every stored bid was reported ok).
    if (provider !== 'sqlite') expect(rawOutcomes.filter((o) => 'lost' in o)).toEqual([]);
    const refusals = [
      ...sdkOutcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as BidwireError).code as string] : [])),
      ...rawOutcomes.flatMap((o) => ('ack' in o && !o.ack.ok ? [o.ack.error.code] : [])),
    ];
    const allowed = provider === 'sqlite' ? ['BID_TOO_LOW', 'UNAVAILABLE'] : ['BID_TOO_LOW']; // in flight: all finished
    expect(refusals.filter((c) => !allowed.includes(c))).toEqual([]);

    // Both bid on after the restart (the SDK rejoined the room by itself; a plain client joins again).
    await expect(sdk.placeBid({ auctionId: auction.id, amount: 10_000 })).resolves.toMatchObject({ bid: { amount: 10_000 } });
    expect(await raw.timeout(5_000).emitWithAck('joinAuction', { auctionId: auction.id })).toMatchObject({ ok: true });
    expect(await raw.timeout(5_000).emitWithAck('placeBid', { auctionId: auction.id, amount: 10_001 })).toMatchObject({ ok: true });
  }, 90_000);
});

describe('SIGTERM while a command cannot finish within the grace period', () => {
  // Needs a writer held from outside without stopping the server: PostgreSQL and MySQL only (see lockRoom).
  it.skipIf(testDbProvider() === 'sqlite')('exits in time anyway; the SDK resends the bid after the restart and learns the real outcome', async () => {
    const provider = testDbProvider();
    const grace = 3_000;
    const { server, database } = await startServerProcess({ JWT_SECRET, SHUTDOWN_GRACE_MS: String(grace) });
    const url = server.url;
    const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => signIn(url, n)));
    const auction = await owner!.rest.createAuction({ body: { title: 'Stuck bid' } });
    const ownerClient = await resilientClient(url, { token: owner!.accessToken });
    await ownerClient.startAuction({ auctionId: auction.id });
    const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Indigo', startingPrice: 100 });
    const sdk = await resilientClient(url, { token: bidder!.accessToken }, { commandTimeoutMs: 30_000, offlineTimeoutMs: 30_000 });
    await sdk.joinAuction({ auctionId: auction.id });
    const sent: string[] = [];
    sdk.socket.onAnyOutgoing((event: string, payload: { requestId: string }) => event === 'placeBid' && sent.push(payload.requestId));

    lock = await lockRoom(provider, database.url, `auction:${auction.id}`);
    const bid = sdk.placeBid({ auctionId: auction.id, amount: 150 });
    bid.catch(() => undefined); // awaited below; if an assertion fails first, afterEach's close rejects it unheard
    await new Promise((r) => setTimeout(r, 300));
    const { ms } = await server.terminate();
    expect(ms, server.output()).toBeLessThan(grace);
    expect(ms).toBeGreaterThan(grace / 2); // it waited for the stuck bid as long as it could
    await lock.release(); // the stuck transaction died with its connection: nothing was stored
    lock = undefined;

    await server.start();
    const { bid: placed } = await bid;
    expect(placed.amount).toBe(150);
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(1); // the same requestId, sent again after the restart
    const stored = await listBids(bidder!.rest, auction.id, lot.id);
    expect(stored.map((b) => b.id)).toEqual([placed.id]);
  }, 60_000);
});

async function listBids(rest: ReturnType<typeof createRestClient>, auctionId: string, lotId: string) {
  const page = await rest.listBids({ params: { id: auctionId, lotId }, query: { limit: 100 } });
  return page.items;
}
