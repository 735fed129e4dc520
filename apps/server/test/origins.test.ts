// CORS_ORIGINS guards REST, Socket.IO polling and Socket.IO WebSocket handshakes alike (SPEC §9; issue 16,
// item 6): a foreign Origin is refused on both transports, an allowed one and none at all (mobile apps,
// servers) are accepted; without the variable, development allows localhost only. The preflight allows
// every method of the API (PATCH and DELETE included) and the headers the SDK sends.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { rawHttp } from './support/raw-http.js';

type Transport = 'websocket' | 'polling';

/** Connects a raw socket.io-client with an Origin header (or none); resolves with 'connected' or the refusal. */
function tryConnect(url: string, token: string, transport: Transport, origin?: string): Promise<string> {
  const socket = io(url, {
    forceNew: true,
    reconnection: false,
    transports: [transport],
    auth: { token },
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve) => {
    const done = (outcome: string) => {
      socket.close();
      resolve(outcome);
    };
    socket.once('connect', () => done('connected'));
    socket.once('connect_error', (err) => done(`refused: ${err.message}`));
  });
}

const handshake = (origin: string) =>
  `GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\nOrigin: ${origin}\r\nConnection: close\r\n\r\n`;

describe('with CORS_ORIGINS', () => {
  let t: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    t = await startServer({ CORS_ORIGINS: 'https://app.example,https://admin.example' });
    user = await t.signIn('Alice');
  });
  afterAll(() => t?.close());

  for (const transport of ['websocket', 'polling'] as const) {
    it(`${transport}: a foreign Origin is refused; an allowed one, and none, connect`, async () => {
      expect(await tryConnect(t.url, user.token, transport, 'http://evil.example')).toMatch(/^refused/);
      expect(await tryConnect(t.url, user.token, transport, 'http://localhost:3000')).toMatch(/^refused/);
      expect(await tryConnect(t.url, user.token, transport, 'https://app.example')).toBe('connected');
      expect(await tryConnect(t.url, user.token, transport, 'https://admin.example')).toBe('connected');
      expect(await tryConnect(t.url, user.token, transport)).toBe('connected');
    });
  }

  it('the refusal says why', async () => {
    const res = await rawHttp(t.url, handshake('http://evil.example'));
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ message: 'Origin not allowed.' });
    expect((await rawHttp(t.url, handshake('https://app.example'))).status).toBe(200);
  });

  it('the preflight allows PATCH and DELETE and the headers the SDK sends, to allowed origins only', async () => {
    const preflight = (origin: string, method: string, path: string) =>
      rawHttp(
        t.url,
        `OPTIONS ${path} HTTP/1.1\r\nHost: localhost\r\nOrigin: ${origin}\r\nAccess-Control-Request-Method: ${method}\r\n` +
          'Access-Control-Request-Headers: authorization, content-type, accept\r\nConnection: close\r\n\r\n',
      );
    for (const [method, path] of [['PATCH', '/auctions/a1'], ['DELETE', '/conversations/c1/participants/u1'], ['POST', '/auctions']] as const) {
      const res = await preflight('https://app.example', method, path);
      expect(res.status, `${method} ${path}`).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
      const methods = res.headers['access-control-allow-methods']!.split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
      const headers = res.headers['access-control-allow-headers']!.toLowerCase().split(/,\s*/);
      expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'accept']));
    }
    const foreign = await preflight('http://evil.example', 'PATCH', '/auctions/a1');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('without CORS_ORIGINS (development)', () => {
  let t: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    t = await startServer();
    user = await t.signIn('Bob');
  });
  afterAll(() => t?.close());

  for (const transport of ['websocket', 'polling'] as const) {
    it(`${transport}: localhost origins connect, others are refused`, async () => {
      expect(await tryConnect(t.url, user.token, transport, 'http://localhost:5173')).toBe('connected');
      expect(await tryConnect(t.url, user.token, transport, 'http://127.0.0.1:3000')).toBe('connected');
      expect(await tryConnect(t.url, user.token, transport, 'http://evil.example')).toMatch(/^refused/);
      expect(await tryConnect(t.url, user.token, transport)).toBe('connected');
    });
  }
});
