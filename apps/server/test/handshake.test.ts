// SPEC §1–2: the Socket.IO handshake accepts only a valid access token from this server, refuses
// everything else with the exact messages and code, and a token expiring while connected ends the session.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { connectRaw, emitAck, nextEvent, refusal, waitUntil } from './raw-socket.js';

const SECRET = 'handshake-test-secret-0123456789-abcdef';
const OTHER_SECRET = 'another-secret-that-is-long-enough-0123456789';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string;
  exp?: number;
  alg?: string;
  secret?: string;
}

describe('socket handshake', () => {
  let t: TestServer;
  let alice: TestUser;
  let iss: string;
  let aud: string;

  /** A token like the server's own, with one thing changed at a time. */
  const token = (c: Claims = {}) =>
    new SignJWT({ name: 'Alice', roles: ['buyer', 'seller'] })
      .setProtectedHeader({ alg: c.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(c.sub ?? alice.id)
      .setIssuer(c.iss ?? iss)
      .setAudience(c.aud ?? aud)
      .setIssuedAt()
      .setExpirationTime(c.exp ?? now() + 600)
      .sign(new TextEncoder().encode(c.secret ?? SECRET));

  beforeAll(async () => {
    t = await startServer({ JWT_SECRET: SECRET });
    alice = await t.signIn('Alice');
    // The issuer and audience the server puts in its own tokens.
    const claims = JSON.parse(Buffer.from(alice.token.split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
    iss = claims.iss;
    aud = claims.aud;
  });
  afterAll(() => t?.close());

  it('a hand-made token with the right key, issuer and audience connects (the control case)', async () => {
    const socket = await connectRaw(t.url, { token: await token() });
    try {
      expect(socket.connected).toBe(true);
      expect((await emitAck(socket, 'timeSync', {})).ok).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('the token from sign-in connects', async () => {
    const socket = await connectRaw(t.url, { token: alice.token });
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it.each([
    ['no auth at all', undefined],
    ['auth without a token', {}],
    ['an empty token', { token: '' }],
    ['a null token', { token: null }],
  ])('%s → "No token provided"', async (_label, auth) => {
    const err = await refusal(t.url, auth);
    expect(err.message).toBe('No token provided');
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
  });

  const badTokens: Array<[string, () => Promise<string>]> = [
    ['garbage', async () => 'not-a-jwt'],
    ['three garbage parts', async () => 'a.b.c'],
    ['an expired token', () => token({ exp: now() - 60 })],
    ['a token signed with another key', () => token({ secret: OTHER_SECRET })],
    ['a token with a wrong issuer', () => token({ iss: 'someone-else' })],
    ['a token with a wrong audience', () => token({ aud: 'someone-else' })],
    ['an HS512 token (algorithm not configured)', () => token({ alg: 'HS512' })],
    [
      'an alg:none token',
      async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: alice.id, name: 'Alice', roles: ['admin'], iss, aud, exp: now() + 600 })}.`,
    ],
    [
      'a tampered payload (admin role added, original signature)',
      async () => {
        const [h, , s] = (await token()).split('.');
        return `${h}.${b64({ sub: alice.id, name: 'Alice', roles: ['admin'], iss, aud, exp: now() + 600 })}.${s}`;
      },
    ],
  ];

  it.each(badTokens)('%s → "Invalid or expired token"', async (_label, make) => {
    const err = await refusal(t.url, { token: await make() });
    expect(err.message).toBe('Invalid or expired token');
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('a token accepted once does not vouch for a look-alike: its signature or claims changed are refused', async () => {
    const accepted = await connectRaw(t.url, { token: alice.token });
    expect(accepted.connected).toBe(true);
    accepted.close();
    const [h, p, s] = alice.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const lookAlikes = [
      `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`,
      `${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`,
      `${h}.${b64({ ...claims, exp: now() + 86_400 })}.${s}`,
      `${h}.${p}.`,
    ];
    for (const lookAlike of lookAlikes) {
      const err = await refusal(t.url, { token: lookAlike });
      expect(err.message).toBe('Invalid or expired token');
      expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
    }
    // The token itself still connects.
    const again = await connectRaw(t.url, { token: alice.token });
    expect(again.connected).toBe(true);
    again.close();
  });

  it('a token that is not a string → "No token provided"', async () => {
    const err = await refusal(t.url, { token: 12345 });
    expect(err.message).toBe('No token provided');
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
  });
});

describe('token expiry while connected', () => {
  it('the socket receives sessionExpired, its later commands are refused unrun, and the server disconnects it', async () => {
    await using t = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
    const bob = await t.signIn('Bob');
    const socket = await connectRaw(t.url, { token: bob.token });
    try {
      let reason = '';
      socket.on('disconnect', (r: string) => (reason = r));
      const expiring = nextEvent<{ message: string }>(socket, 'sessionExpired', 6_000);
      expect((await emitAck(socket, 'timeSync', {})).ok).toBe(true);

      expect(await expiring).toEqual({ message: 'Your session has expired. Reconnect with a fresh token.' });
      // A command that arrives after the expiry is not run: refused, so that it may go again on a fresh session.
      expect(await emitAck(socket, 'timeSync', {})).toEqual({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'Your session has expired. Reconnect with a fresh token.', details: { reason: 'sessionExpired' } },
      });
      await waitUntil(() => reason !== '', 3_000, 'the disconnect');
      expect(reason).toBe('io server disconnect');
      expect(socket.connected).toBe(false);
      // The expired token can no longer open a new connection either.
      const err = await refusal(t.url, { token: bob.token });
      expect(err.message).toBe('Invalid or expired token');
      expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
    } finally {
      socket.close();
    }
  });
});
