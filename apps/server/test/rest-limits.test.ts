// REST limits (@fastify/rate-limit): per client address on /auth/*, per user on the routes that create
// things; 429 with Retry-After in the API's error shape. Security headers (@fastify/helmet) on every answer.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer } from './harness.js';

const json = { 'content-type': 'application/json' };
const DEFAULTS = { REST_AUTH_RATE_LIMIT: '', REST_CREATE_RATE_LIMIT: '' }; // empty: the built-in defaults

async function expectLimited(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await res.json()) as { error: { code: string; message: string; details: { retryAfterSeconds: number } } };
  expect(body.error.code).toBe('RATE_LIMITED');
  expect(body.error.message).toMatch(/^Too many .+\. Try again in \d+ seconds\.$/);
  expect(body.error.details.retryAfterSeconds).toBe(retryAfter);
}

describe('REST rate limits', () => {
  it('stops one client asking codes for 100 different phones (default: 30 a minute per address)', async () => {
    await using t = await startServer(DEFAULTS);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${t.url}/auth/otp/request`, {
        method: 'POST',
        headers: { ...json, 'x-forwarded-for': `198.51.100.${i}` }, // ignored: TRUST_PROXY is off
        body: JSON.stringify({ phone: `+1555700${String(i).padStart(4, '0')}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
      else await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    await expectLimited(refused!);
  });

  it('behind a trusted proxy, limits each client address on its own (TRUST_PROXY)', async () => {
    await using t = await startServer({ TRUST_PROXY: '1', REST_AUTH_RATE_LIMIT: '3/minute' });
    const ask = (ip: string, n: number) =>
      fetch(`${t.url}/auth/otp/request`, { method: 'POST', headers: { ...json, 'x-forwarded-for': ip }, body: JSON.stringify({ phone: `+1555710${n}` }) });
    for (let i = 0; i < 3; i++) expect((await ask('203.0.113.7', 1000 + i)).status).toBe(200);
    await expectLimited(await ask('203.0.113.7', 1003));
    expect((await ask('203.0.113.8', 1004)).status).toBe(200);
  });

  it('stops one user creating 300 auctions in a row (default: 60 a minute per user); others and reads go on', async () => {
    await using t = await startServer(DEFAULTS);
    const [alice, bob] = await Promise.all([t.signIn('Alice'), t.signIn('Bob')]);
    const create = (token: string, i: number) =>
      fetch(`${t.url}/auctions`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ title: `Lot ${i}` }) });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 300; i++) {
      const res = await create(alice.token, i);
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
      else await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    await expectLimited(refused!);
    const mine = await alice.rest.listAuctions({ query: { limit: 100 } });
    expect(mine.items.filter((a) => a.title.startsWith('Lot '))).toHaveLength(60);
    expect((await create(bob.token, 0)).status).toBe(201);
  });
});

describe('REST limit configuration', () => {
  it('reads <count>/<window> and refuses anything else, naming the variable', () => {
    expect(loadConfig({}).restLimits).toEqual({ authPerIp: { max: 30, windowMs: 60_000 }, createPerUser: { max: 60, windowMs: 60_000 } });
    expect(loadConfig({ REST_AUTH_RATE_LIMIT: '5/second', REST_CREATE_RATE_LIMIT: '100/10m' }).restLimits).toEqual({
      authPerIp: { max: 5, windowMs: 1_000 },
      createPerUser: { max: 100, windowMs: 600_000 },
    });
    expect(loadConfig({ REST_CREATE_RATE_LIMIT: '1000/hour' }).restLimits.createPerUser).toEqual({ max: 1000, windowMs: 3_600_000 });
    for (const bad of ['lots', '30', '0/minute', '30/fortnight', '30/0s']) {
      expect(() => loadConfig({ REST_AUTH_RATE_LIMIT: bad }), bad).toThrow(/REST_AUTH_RATE_LIMIT: expected <count>\/<window>/);
    }
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });
});

describe('security headers', () => {
  it('are on the web app, the docs, REST routes and errors, with a CSP that lets the app reach its socket', async () => {
    await using t = await startServer();
    const { token } = await t.signIn('Reader');
    for (const [path, headers] of [
      ['/', {}],
      ['/docs', {}],
      ['/auctions', { authorization: `Bearer ${token}` }],
      ['/auctions', {}], // a 401
      ['/metrics', {}],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { headers });
      await res.body?.cancel();
      const csp = res.headers.get('content-security-policy') ?? '';
      const where = `${path} (${res.status})`;
      expect(csp, where).toContain("default-src 'self'");
      expect(csp, where).toContain("script-src 'self'");
      expect(csp, where).toContain("connect-src 'self' ws: wss:");
      expect(csp, where).toContain("frame-ancestors 'self'");
      expect(csp, where).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), where).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), where).toMatch(/^max-age=\d+/);
    }
  });
});
