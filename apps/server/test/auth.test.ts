// SPEC §2 over plain HTTP: one-time codes, first-login user creation, token claims, refresh rotation
// with reuse detection, and logout.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRoutes } from './auth-fixtures.js';
import { startServer, type TestServer } from './harness.js';
import { http } from './raw-socket.js';
import { phoneNumbers } from './support/phones.js';

const freshPhone = phoneNumbers('+1444');
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('auth REST', () => {
  let t: TestServer;
  const { post, requestCode } = authRoutes(() => t);
  const signIn = async (name?: string, phone = freshPhone()) => {
    const code = await requestCode(phone);
    const res = await post('/auth/otp/verify', { phone, code, ...(name ? { name } : {}) });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string; user: { id: string; name: string; roles: string[] } };
  };
  const refresh = (refreshToken: string) => post('/auth/refresh', { refreshToken });
  const REUSE = { error: { code: 'UNAUTHENTICATED', message: 'Refresh token reuse detected. Please sign in again.' } };

  beforeAll(async () => {
    // Reuse detection as such: without the reuse window for concurrent refreshes (auth.races.test.ts covers it).
    t = await startServer({ REFRESH_REUSE_WINDOW_SECONDS: '0' });
  });
  afterAll(() => t?.close());

  it('OTP request with OTP_DEV_ECHO → { sent: true, devCode } (6 digits)', async () => {
    const res = await post('/auth/otp/request', { phone: freshPhone() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: true, devCode: expect.stringMatching(/^\d{6}$/) });
  });

  it('without OTP_DEV_ECHO → { sent: true } and no devCode', async () => {
    await using quiet = await startServer({ OTP_DEV_ECHO: '0' });
    const res = await http(quiet.url, 'POST', '/auth/otp/request', { body: { phone: freshPhone() } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: true });
  });

  it.each([
    ['no plus sign', '15551234567'],
    ['a leading zero', '+05551234567'],
    ['letters', '+1555abc4567'],
    ['too short', '+12345'],
    ['too long', '+1234567890123456'],
    ['a number', 15551234567],
    ['missing', undefined],
  ])('a bad phone (%s) → 400 VALIDATION_FAILED on phone', async (_label, phone) => {
    const res = await post('/auth/otp/request', phone === undefined ? {} : { phone });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('phone');
  });

  it('a wrong code → 401; five wrong tries burn the code (the right one then fails too)', async () => {
    const phone = freshPhone();
    const code = await requestCode(phone);
    for (let i = 0; i < 5; i++) {
      const res = await post('/auth/otp/verify', { phone, code: wrongCode(code) });
      expect(res.status, `wrong try ${i + 1}`).toBe(401);
      expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Invalid or expired code.' } });
    }
    const burnt = await post('/auth/otp/verify', { phone, code });
    expect(burnt.status).toBe(401);
    expect(burnt.body.error.code).toBe('UNAUTHENTICATED');
    // A new code works again.
    const fresh = await requestCode(phone);
    expect((await post('/auth/otp/verify', { phone, code: fresh })).status).toBe(200);
  });

  it('four wrong tries do not burn the code', async () => {
    const phone = freshPhone();
    const code = await requestCode(phone);
    for (let i = 0; i < 4; i++) expect((await post('/auth/otp/verify', { phone, code: wrongCode(code) })).status).toBe(401);
    expect((await post('/auth/otp/verify', { phone, code })).status).toBe(200);
  });

  it('a code works once', async () => {
    const phone = freshPhone();
    const code = await requestCode(phone);
    expect((await post('/auth/otp/verify', { phone, code })).status).toBe(200);
    expect((await post('/auth/otp/verify', { phone, code })).status).toBe(401);
  });

  it('a 6th OTP request within the hour for one phone → 429 RATE_LIMITED; other phones unaffected', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 5; i++) await requestCode(phone);
    const sixth = await post('/auth/otp/request', { phone });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many codes requested for this phone. Try again later.' },
    });
    expect((await post('/auth/otp/request', { phone: freshPhone() })).status).toBe(200);
  });

  it('verify creates the user on first login with its name; the access token carries the claims', async () => {
    const phone = freshPhone();
    const first = await signIn('Zoe', phone);
    expect(first.user).toEqual({ id: expect.any(String), name: 'Zoe', roles: ['buyer', 'seller'] });
    expect(typeof first.refreshToken).toBe('string');
    const again = await signIn(undefined, phone);
    expect(again.user.id).toBe(first.user.id);
    expect(again.user.name).toBe('Zoe');

    expect(decodeProtectedHeader(first.accessToken).alg).toBe('HS256');
    const claims = decodeJwt(first.accessToken);
    expect(claims.sub).toBe(first.user.id);
    expect(claims.name).toBe('Zoe');
    expect(claims.roles).toEqual(['buyer', 'seller']);
    expect(typeof claims.iss).toBe('string');
    expect(claims.iss!.length).toBeGreaterThan(0);
    expect(claims.aud).toBeTruthy();
    const ttl = claims.exp! - Date.now() / 1000;
    expect(ttl).toBeGreaterThan(890);
    expect(ttl).toBeLessThanOrEqual(901);
    // No private data in the token.
    expect(JSON.stringify(claims)).not.toContain(phone);
    // And it is accepted by an authenticated route.
    expect((await http(t.url, 'GET', '/auctions', { token: first.accessToken })).status).toBe(200);
  });

  it('refresh rotates: a new pair; the old refresh token is refused afterwards', async () => {
    const pair = await signIn('Rita');
    const next = await refresh(pair.refreshToken);
    expect(next.status).toBe(200);
    expect(next.body.user).toEqual(pair.user);
    expect(next.body.refreshToken).not.toBe(pair.refreshToken);
    expect(decodeJwt(next.body.accessToken).sub).toBe(pair.user.id);
    expect((await http(t.url, 'GET', '/auctions', { token: next.body.accessToken })).status).toBe(200);
    const old = await refresh(pair.refreshToken);
    expect(old.status).toBe(401);
    expect(old.body).toEqual(REUSE);
  });

  it('reusing a rotated refresh token revokes the whole family, newest token included', async () => {
    const r1 = (await signIn('Sam')).refreshToken;
    const r2 = (await refresh(r1)).body.refreshToken as string;
    const r3 = (await refresh(r2)).body.refreshToken as string;
    const other = (await signIn('Sam on another device')).refreshToken;
    const reuse = await refresh(r1);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toEqual(REUSE);
    const newest = await refresh(r3);
    expect(newest.status).toBe(401);
    expect(newest.body.error.code).toBe('UNAUTHENTICATED');
    // Another family (another sign-in) is not touched.
    expect((await refresh(other)).status).toBe(200);
  });

  it('a refresh token that was never issued → 401', async () => {
    const res = await refresh('made-up-token');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Invalid or expired refresh token.' } });
  });

  it("logout → 204 and the family's tokens are refused afterwards", async () => {
    const r1 = (await signIn('Lou')).refreshToken;
    const r2 = (await refresh(r1)).body.refreshToken as string;
    const out = await post('/auth/logout', { refreshToken: r2 });
    expect(out.status).toBe(204);
    expect(out.body).toBeNull();
    const after = await refresh(r2);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await refresh(r1)).status).toBe(401);
  });
});
