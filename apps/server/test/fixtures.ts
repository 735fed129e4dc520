// Helpers shared by the integration tests: many signed-in users, a live auction with an open lot,
// event recorders and bounded waits. Everything goes through the real server and the real SDK.
import { createClient, createRestClient, type BidwireClient, type EventName, type EventPayload, type FetchLike, type Lot } from '@bidwire/sdk';
import { onTestFinished } from 'vitest';
import { whenConnected, type TestServer, type TestUser } from './harness.js';
import { phoneNumbers } from './support/phones.js';

/** Signs `n` distinct users in at once (each has its own phone, so the OTP limit never bites). */
export function signInMany(t: TestServer, n: number, prefix = 'Bidder'): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => t.signIn(`${prefix} ${i + 1}`)));
}

export interface LiveAuction {
  auctionId: string;
  lot: Lot;
  /** The owner's connected client (the owner has not joined the room). */
  ownerClient: BidwireClient;
}

/** Creates an auction as `owner`, starts it and opens one lot. */
export async function createLiveAuctionWithLot(
  owner: TestUser,
  opts: {
    title?: string;
    product?: string;
    startingPrice?: number;
    minIncrement?: number;
    /** Optional lot fields (a timed lot with durationMs). */
    lotFields?: { description?: string; weight?: number; marketPrice?: number; durationMs?: number; softCloseMs?: number };
  } = {},
): Promise<LiveAuction> {
  const auction = await owner.rest.createAuction({ body: { title: opts.title ?? 'Test auction' } });
  const ownerClient = await owner.connect();
  await ownerClient.startAuction({ auctionId: auction.id });
  const { lot } = await ownerClient.openLot({
    auctionId: auction.id,
    product: opts.product ?? 'Saffron, 1 kg',
    startingPrice: opts.startingPrice ?? 100,
    minIncrement: opts.minIncrement ?? 1,
    ...opts.lotFields,
  });
  return { auctionId: auction.id, lot, ownerClient };
}

/** Connects every user and joins them to the auction; answers the clients in the users' order. */
export function joinAll(users: TestUser[], auctionId: string): Promise<BidwireClient[]> {
  return Promise.all(
    users.map(async (u) => {
      const client = await u.connect();
      await client.joinAuction({ auctionId });
      return client;
    }),
  );
}

/** Records every `event` a client receives, in arrival order. */
export function record<K extends EventName>(client: BidwireClient, event: K): EventPayload<K>[] {
  const seen: EventPayload<K>[] = [];
  client.on(event, (payload) => void seen.push(payload));
  return seen;
}

/**
 * Waits until the server has written to this client everything it sent before now: a command's ack
 * travels the same ordered connection as the broadcasts, so once it is back, they are in too.
 */
export async function flush(client: BidwireClient): Promise<void> {
  await client.timeSync();
}

/** Polls `condition` every 10 ms; fails after `timeoutMs` with `what` in the message. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every bid of a lot through REST, following `nextCursor` to the end. */
export async function listAllBids(user: TestUser, auctionId: string, lotId: string) {
  const bids = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await user.rest.listBids({ params: { id: auctionId, lotId }, query: cursor ? { cursor, limit: 20 } : { limit: 20 } });
    bids.push(...res.items);
    if (!res.nextCursor) return bids;
    cursor = res.nextCursor;
  }
  throw new Error('listBids did not end within 100 pages');
}

/** The lot as REST lists it. */
export async function lotOf(user: TestUser, auctionId: string, lotId: string): Promise<Lot> {
  const { items } = await user.rest.listLots({ params: { id: auctionId }, query: { limit: 100 } });
  const lot = items.find((l) => l.id === lotId);
  if (!lot) throw new Error(`lot ${lotId} not listed`);
  return lot;
}

/** A small seeded PRNG (mulberry32), so "random" amounts are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items`, driven by `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A signed-in user whose secrets (phone, OTP code, tokens) the test knows, to look for leaks. */
export interface UserWithSecrets {
  id: string;
  name: string;
  phone: string;
  code: string;
  accessToken: string;
  refreshToken: string;
  /** A REST client whose every response body is passed to `onResponse`. */
  rest: ReturnType<typeof createRestClient>;
  connect(): Promise<BidwireClient>;
}

const secretPhone = phoneNumbers('+1556');

/** Signs in like the harness, but keeps the OTP code; clients it opens are closed when the test ends. */
export async function signInWithSecrets(
  t: TestServer,
  name: string,
  onResponse: (url: string, body: string) => void,
): Promise<UserWithSecrets> {
  const phone = secretPhone();
  const { devCode } = await t.rest.requestOtp({ body: { phone } });
  if (!devCode) throw new Error('OTP_DEV_ECHO did not echo the code');
  const pair = await t.rest.verifyOtp({ body: { phone, code: devCode, name } });
  const recordingFetch: FetchLike = async (url, init) => {
    const res = await fetch(url, init);
    const text = await res.text();
    onResponse(url, text);
    return { ok: res.ok, status: res.status, text: async () => text };
  };
  return {
    id: pair.user.id,
    name: pair.user.name,
    phone,
    code: devCode,
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    rest: createRestClient({ baseUrl: t.url, token: pair.accessToken, fetch: recordingFetch }),
    async connect() {
      const client = createClient({ url: t.url, token: pair.accessToken, socketOptions: { transports: ['websocket'], reconnection: false } });
      onTestFinished(() => client.close());
      await whenConnected(client);
      return client;
    },
  };
}
