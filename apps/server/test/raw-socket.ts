// Helpers for tests that must talk to the server below the SDK: raw socket.io-client sockets that can
// send garbage, plain HTTP calls that expose status codes, and a state fingerprint of an auction.
import { io, type Socket } from 'socket.io-client';
import type { BidwireClient } from '@bidwire/sdk';
import type { TestServer, TestUser } from './harness.js';

export type RawSocket = Socket;
export type AckResponse =
  | { ok: true; data: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

/** A raw socket (not connected yet); `auth` is sent as-is, so any garbage can go in it. */
export function rawSocket(url: string, auth?: unknown): RawSocket {
  return io(url, {
    forceNew: true,
    autoConnect: false,
    reconnection: false,
    transports: ['websocket'],
    ...(auth === undefined ? {} : { auth: auth as Record<string, unknown> }),
  });
}

/** Connects a raw socket; rejects with the server's connect_error (message + data). */
export function connectRaw(url: string, auth?: unknown, timeoutMs = 5_000): Promise<RawSocket> {
  const socket = rawSocket(url, auth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no connect or connect_error within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.connect();
  });
}

/** The connect_error a refused handshake produces (fails the test if it connects). */
export async function refusal(url: string, auth?: unknown): Promise<Error & { data?: { code?: string } }> {
  try {
    const socket = await connectRaw(url, auth);
    socket.close();
  } catch (err) {
    return err as Error & { data?: { code?: string } };
  }
  throw new Error(`handshake with ${JSON.stringify(auth)} was accepted`);
}

export const NO_PAYLOAD = Symbol('no payload');

/** Emits a command with an ack; `NO_PAYLOAD` sends the ack function alone. */
export function emitAck(socket: RawSocket, name: string, payload: unknown, timeoutMs = 5_000): Promise<AckResponse> {
  const args = payload === NO_PAYLOAD ? [] : [payload];
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(name, ...args, (err: Error | null, res: AckResponse) =>
      err ? reject(new Error(`${name}: ${err.message}`)) : resolve(res),
    );
  });
}

/** Resolves with the next `event` on `socket`, or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: RawSocket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (payload: T) => {
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface HttpResult {
  status: number;
  body: any;
}

/** A plain HTTP call: status and parsed JSON (null when empty, the text when not JSON). */
export async function http(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; token?: string; contentType?: string } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined || opts.body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    body = opts.rawBody ?? JSON.stringify(opts.body);
  }
  const res = await fetch(baseUrl + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed };
}

export interface LiveAuction {
  owner: TestUser;
  bidder: TestUser;
  ownerClient: BidwireClient;
  bidderClient: BidwireClient;
  auctionId: string;
  lotId: string;
}

/** A live auction with an open lot (start 100, step 10), one bid (150) and one comment; owner and bidder joined. */
export async function liveAuction(t: TestServer): Promise<LiveAuction> {
  const owner = await t.signIn('Owner');
  const bidder = await t.signIn('Bidder');
  const ownerClient = await owner.connect();
  const bidderClient = await bidder.connect();
  const auction = await owner.rest.createAuction({ body: { title: 'Spring lots' } });
  await ownerClient.startAuction({ auctionId: auction.id });
  await ownerClient.joinAuction({ auctionId: auction.id });
  const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Saffron', startingPrice: 100, minIncrement: 10 });
  await bidderClient.joinAuction({ auctionId: auction.id });
  await bidderClient.placeBid({ auctionId: auction.id, amount: 150 });
  await bidderClient.postComment({ auctionId: auction.id, text: 'Nice saffron' });
  return { owner, bidder, ownerClient, bidderClient, auctionId: auction.id, lotId: lot.id };
}

/**
 * Everything observable about an auction: the auction, its lots and every lot's bids over REST, and
 * a fresh `joinAuction` snapshot (comments, seq, open lot) from a new socket of `viewer`, who must
 * not be the owner (the owner joining would itself record an event). Volatile fields are dropped.
 */
export async function auctionState(t: TestServer, viewer: TestUser, auctionId: string): Promise<unknown> {
  const auction = await viewer.rest.getAuction({ params: { id: auctionId } });
  const lots = await viewer.rest.listLots({ params: { id: auctionId }, query: { limit: 100 } });
  const bids: Record<string, unknown> = {};
  for (const lot of lots.items) {
    bids[lot.id] = await viewer.rest.listBids({ params: { id: auctionId, lotId: lot.id }, query: { limit: 100 } });
  }
  let snapshot: unknown = null;
  if (auction.status === 'live') {
    const socket = await connectRaw(t.url, { token: viewer.token });
    try {
      const ack = await emitAck(socket, 'joinAuction', { auctionId });
      if (!ack.ok) throw new Error(`joinAuction refused: ${ack.error.message}`);
      const { serverTime: _t, viewerCount: _v, ...rest } = ack.data as Record<string, unknown>;
      snapshot = rest;
    } finally {
      socket.close();
    }
  }
  return { auction, lots, bids, snapshot };
}
