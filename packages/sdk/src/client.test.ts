// The SDK against a tiny real Socket.IO server on an ephemeral port (the real server has its own tests).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { BidwireError, createClient, createRestClient, isCommandError, type BidwireClient, type ClientOptions } from './index.js';

let io: Server;
let url: string;
const received: Record<string, unknown[]> = {};
const clients: BidwireClient[] = [];

beforeAll(async () => {
  const http = createServer();
  io = new Server(http);
  io.use((socket, next) => {
    if (socket.handshake.auth.token === 'good') return next();
    const err = Object.assign(new Error('Invalid or expired token'), { data: { code: 'UNAUTHENTICATED' } });
    next(err);
  });
  io.on('connection', (socket) => {
    const record = (name: string, payload: unknown) => (received[name] ??= []).push(payload);
    socket.on('placeBid', (payload: { auctionId: string; amount: number; requestId: string }, ack) => {
      record('placeBid', payload);
      if (payload.amount < 10) {
        ack({ ok: false, error: { code: 'BID_TOO_LOW', message: 'Bid must be at least the starting price (10)', details: { min: 10 } } });
        return;
      }
      socket.emit('bidPlaced', { auctionId: payload.auctionId, lotId: 'l1', highestBid: payload.amount, seq: 1 });
      ack({ ok: true, data: { bid: { amount: payload.amount }, lot: { id: 'l1' } } });
    });
    socket.on('postComment', (payload, ack) => {
      record('postComment', payload);
      ack({ ok: true, data: { comment: { text: payload.text } } });
    });
    socket.on('timeSync', (payload, ack) => {
      record('timeSync', payload);
      ack({ ok: true, data: { serverTime: 42 } });
    });
    // Drops the connection instead of answering.
    socket.on('endAuction', () => socket.disconnect(true));
    // Never answers, to exercise the timeout.
    socket.on('leaveBroadcast', () => {});
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const key of Object.keys(received)) delete received[key];
});

afterAll(async () => {
  await io.close();
});

function client(options: Partial<ClientOptions> = {}): BidwireClient {
  const c = createClient({ url, token: 'good', commandTimeoutMs: 1_000, ...options } as ClientOptions);
  clients.push(c);
  return c;
}

async function connected(options: Partial<ClientOptions> = {}): Promise<BidwireClient> {
  const c = client(options);
  if (c.state !== 'connected') await new Promise<void>((resolve) => c.onState((s) => s === 'connected' && resolve()));
  return c;
}

describe('commands', () => {
  test('resolves with the ack data', async () => {
    const c = await connected();
    await expect(c.placeBid({ auctionId: 'a1', amount: 25 })).resolves.toEqual({ bid: { amount: 25 }, lot: { id: 'l1' } });
    await expect(c.timeSync()).resolves.toEqual({ serverTime: 42 });
    expect(received.timeSync).toEqual([{}]);
  });

  test('rejects with a BidwireError carrying the server error', async () => {
    const c = await connected();
    const error = await c.placeBid({ auctionId: 'a1', amount: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BidwireError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'BidwireError',
      code: 'BID_TOO_LOW',
      message: 'Bid must be at least the starting price (10)',
      details: { min: 10 },
      command: 'placeBid',
    });
    expect(isCommandError(error, 'placeBid')).toBe(true);
    expect(isCommandError(error, 'postComment')).toBe(false);
  });

  test('rejects with TIMEOUT when no ack arrives', async () => {
    const c = await connected({ commandTimeoutMs: 150 });
    const error = await c.leaveBroadcast({ auctionId: 'a1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', command: 'leaveBroadcast', message: 'No answer to leaveBroadcast within 150 ms.' });
    const perCall = await c.leaveBroadcast({ auctionId: 'a1' }, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(perCall).toMatchObject({ code: 'TIMEOUT', message: 'No answer to leaveBroadcast within 50 ms.' });
  });

  test('generates a requestId for idempotent commands and keeps a given one', async () => {
    const c = await connected();
    const payload = { auctionId: 'a1', amount: 30 };
    await c.placeBid(payload);
    await c.placeBid({ auctionId: 'a1', amount: 31, requestId: 'mine-1' });
    await c.postComment({ auctionId: 'a1', text: 'hi' });
    await c.command('placeBid', { auctionId: 'a1', amount: 32 });
    const [generated, given, viaCommand] = received.placeBid as { requestId: string }[];
    expect(generated?.requestId).toMatch(/^[\w-]{8,64}$/);
    expect(given?.requestId).toBe('mine-1');
    expect(viaCommand?.requestId).toMatch(/^[\w-]{8,64}$/);
    expect(viaCommand?.requestId).not.toBe(generated?.requestId);
    expect((received.postComment?.[0] as { requestId?: string }).requestId).toMatch(/^[\w-]{8,64}$/);
    expect(payload).toEqual({ auctionId: 'a1', amount: 30 }); // the caller's object is left alone
    // Commands without a requestId in their schema are sent as given.
    expect(received.timeSync).toBeUndefined();
    await c.timeSync({});
    expect(received.timeSync).toEqual([{}]);
  });

  test('rejects with DISCONNECTED when the connection closes before the ack', async () => {
    const c = await connected();
    const error = await c.endAuction({ auctionId: 'a1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DISCONNECTED', command: 'endAuction', message: 'The connection closed before endAuction was answered.' });
    // socket.io-client never retries after a server-side disconnect; the SDK does (the session did not end).
    await vi.waitFor(() => expect(c.state).toBe('connected'));
  });

  test('close() fails commands still waiting for their ack', async () => {
    const c = await connected();
    const pending = c.leaveBroadcast({ auctionId: 'a1' });
    c.close();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED', command: 'leaveBroadcast' });
  });
});

describe('events', () => {
  test('handlers get payloads and stop after unsubscribe', async () => {
    const c = await connected();
    const seen: number[] = [];
    const off = c.on('bidPlaced', (p) => seen.push(p.highestBid));
    const onceSeen = vi.fn();
    c.once('bidPlaced', onceSeen);
    await c.placeBid({ auctionId: 'a1', amount: 40 });
    await Promise.all([c.waitFor('bidPlaced', (p) => p.highestBid === 41), c.placeBid({ auctionId: 'a1', amount: 41 })]);
    expect(seen).toEqual([40, 41]);
    expect(onceSeen).toHaveBeenCalledTimes(1);
    off();
    await Promise.all([c.waitFor('bidPlaced'), c.placeBid({ auctionId: 'a1', amount: 42 })]);
    expect(seen).toEqual([40, 41]);
  });

  test('off() removes a handler; waitFor times out', async () => {
    const c = await connected();
    const handler = vi.fn();
    c.on('bidPlaced', handler);
    c.off('bidPlaced', handler);
    await Promise.all([c.waitFor('bidPlaced'), c.placeBid({ auctionId: 'a1', amount: 50 })]);
    expect(handler).not.toHaveBeenCalled();
    await expect(c.waitFor('lotClosed', undefined, 50)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'No lotClosed event within 50 ms.',
    });
  });
});

describe('connection', () => {
  test('lazy connection: commands fail until connect()', async () => {
    const c = client({ autoConnect: false });
    const states: string[] = [];
    c.onState((s) => states.push(s));
    expect(c.state).toBe('disconnected');
    await expect(c.timeSync()).rejects.toMatchObject({ code: 'DISCONNECTED', command: 'timeSync' });
    c.connect();
    expect(c.state).toBe('connecting');
    await new Promise<void>((resolve) => c.onState((s) => s === 'connected' && resolve()));
    expect(c.socket.connected).toBe(true);
    c.disconnect();
    expect(c.state).toBe('disconnected');
    expect(states).toEqual(['connecting', 'connected', 'disconnected']);
  });

  test('a refused handshake reaches onConnectError with its code', async () => {
    const c = client({ token: 'bad' });
    const info = await new Promise((resolve) => c.onConnectError(resolve));
    expect(info).toEqual({ message: 'Invalid or expired token', code: 'UNAUTHENTICATED' });
    expect(c.state).toBe('disconnected');
  });

  test('getToken is asked on every connection', async () => {
    const getToken = vi.fn(async () => 'good');
    const c = await connected({ token: undefined, getToken });
    c.disconnect();
    c.connect();
    await new Promise<void>((resolve) => c.onState((s) => s === 'connected' && resolve()));
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  test('a dropped connection goes through reconnecting back to connected', async () => {
    const c = await connected({ socketOptions: { reconnectionDelay: 20, reconnectionDelayMax: 50 } });
    const states: string[] = [];
    c.onState((s) => states.push(s));
    // Simulate a network drop (not a server-side disconnect, which would not retry).
    c.socket.io.engine.close();
    await new Promise<void>((resolve) => c.onState((s) => s === 'connected' && resolve()));
    expect(states).toEqual(['reconnecting', 'connected']);
  });
});

describe('REST client', () => {
  type Call = { url: string; init: { method: string; headers: Record<string, string>; body?: string } };
  const fakeFetch = (status: number, body: string, calls: Call[]) => async (u: string, init: Call['init']) => {
    calls.push({ url: u, init });
    return { ok: status >= 200 && status < 300, status, text: async () => body };
  };

  test('substitutes params, builds the query, sends the bearer token', async () => {
    const calls: Call[] = [];
    const rest = createRestClient({ baseUrl: 'http://api.test/', token: 'tok', fetch: fakeFetch(200, '{"items":[],"nextCursor":null}', calls) });
    await expect(rest.listBids({ params: { id: 'a 1', lotId: 'l/2' }, query: { cursor: undefined, limit: 5 } })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    expect(calls[0]?.url).toBe('http://api.test/auctions/a%201/lots/l%2F2/bids?limit=5');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.headers.authorization).toBe('Bearer tok');
    expect(calls[0]?.init.body).toBeUndefined();
  });

  test('sends JSON bodies and no token to open routes', async () => {
    const calls: Call[] = [];
    const rest = createRestClient({ baseUrl: 'http://api.test', getToken: () => 'tok', fetch: fakeFetch(204, '', calls) });
    await expect(rest.logout({ body: { refreshToken: 'r' } })).resolves.toBeNull();
    expect(calls[0]).toMatchObject({ url: 'http://api.test/auth/logout', init: { method: 'POST', body: '{"refreshToken":"r"}' } });
    expect(calls[0]?.init.headers['content-type']).toBe('application/json');
    expect(calls[0]?.init.headers.authorization).toBeUndefined();
  });

  test('rejects with a BidwireError built from the error body', async () => {
    const body = JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Auction not found.', details: { id: 'x' } } });
    const rest = createRestClient({ baseUrl: 'http://api.test', token: 't', fetch: fakeFetch(404, body, []) });
    const error = await rest.getAuction({ params: { id: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BidwireError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Auction not found.', details: { id: 'x' }, command: 'getAuction', status: 404 });
  });

  test('maps a non-JSON error and an unreachable server', async () => {
    const rest = createRestClient({ baseUrl: 'http://api.test', fetch: fakeFetch(502, '<html>bad gateway</html>', []) });
    await expect(rest.healthz()).rejects.toMatchObject({ code: 'INTERNAL', status: 502, message: 'GET /healthz failed with HTTP 502.' });
    const down = createRestClient({ baseUrl: 'http://api.test', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(down.healthz()).rejects.toMatchObject({ code: 'DISCONNECTED', command: 'healthz' });
  });
});
