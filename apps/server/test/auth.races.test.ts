// SPEC §2 under bursts (issue 16, item 1): the OTP attempt limit and the per-phone request limit hold
// when the calls arrive all at once, on every database: the count and the limit are one atomic step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRoutes } from './auth-fixtures.js';
import { startServer, type TestServer } from './harness.js';
import { http } from './raw-socket.js';
import { phoneNumbers } from './support/phones.js';

const freshPhone = phoneNumbers('+1445');
const wrongCode = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

const BURST = 100;
const MAX_TRIES = 5;
const REQUESTS_PER_HOUR = 5;

describe('OTP limits under bursts', () => {
  let t: TestServer;
  const { post, requestCode } = authRoutes(() => t);
  const codesOf = (phone: string) => t.server.db.otpCode.findMany({ where: { phone }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t?.close());

  it(`${BURST} wrong codes at once burn the code: the right one sent afterwards fails, attempts stop at ${MAX_TRIES}`, async () => {
    const phone = freshPhone();
    const code = await requestCode(phone);
    const wrong = await Promise.all(Array.from({ length: BURST }, (_, i) => post('/auth/otp/verify', { phone, code: wrongCode(code, i) })));
    expect(wrong.map((r) => r.status)).toEqual(Array(BURST).fill(401));
    const [otp] = await codesOf(phone);
    expect(otp!.attempts).toBe(MAX_TRIES);
    const right = await post('/auth/otp/verify', { phone, code });
    expect(right.status).toBe(401);
    expect(right.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Invalid or expired code.' } });
  });

  it.each([1, 2, 3])(
    `the right code among ${BURST} wrong ones at once (trial %i): it signs in only before the ${MAX_TRIES}th wrong try, and at most once`,
    async (trial) => {
      const phone = freshPhone();
      const code = await requestCode(phone);
      const rightAt = Math.floor((BURST * trial) / 4); // early, middle, late in the burst
      const codes = Array.from({ length: BURST }, (_, i) => wrongCode(code, i));
      codes.splice(rightAt, 0, code);
      const answers = await Promise.all(codes.map((c) => post('/auth/otp/verify', { phone, code: c })));

      const signedIn = answers.filter((r) => r.status === 200);
      expect(signedIn.length).toBeLessThanOrEqual(1);
      expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 401)).toBe(true);
      if (signedIn.length === 1) expect(answers[rightAt]!.status).toBe(200);
      const [otp] = await codesOf(phone);
      // A wrong try is only counted while the code is live: once consumed (signed in) or burnt, the count stops.
      // So a sign-in means fewer than MAX_TRIES wrong tries came before it, and no sign-in means the code burnt.
      if (signedIn.length === 1) expect(otp!.attempts).toBeLessThan(MAX_TRIES);
      else expect(otp!.attempts).toBe(MAX_TRIES);
      // Either way the code is dead now.
      expect((await post('/auth/otp/verify', { phone, code })).status).toBe(401);
    },
  );

  it(`${BURST} code requests at once for one phone issue exactly ${REQUESTS_PER_HOUR} codes; the rest get 429`, async () => {
    const phone = freshPhone();
    const answers = await Promise.all(Array.from({ length: BURST }, () => post('/auth/otp/request', { phone })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(REQUESTS_PER_HOUR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(BURST - REQUESTS_PER_HOUR);
    expect(await codesOf(phone)).toHaveLength(REQUESTS_PER_HOUR);
  });
});

// Issue 16, item 7: two tabs waking up refresh the same token at once. Within a short reuse window a
// repeat of the just-rotated token answers the same new pair (as mature identity providers do); after it,
// reuse still revokes the whole family.
describe('refresh token reuse window', () => {
  const REUSE = { error: { code: 'UNAUTHENTICATED', message: 'Refresh token reuse detected. Please sign in again.' } };

  it('10 parallel refreshes of one token all get the same new pair, and the user stays signed in', async () => {
    await using t = await startServer();
    const user = await t.signIn('Two tabs');
    const answers = await Promise.all(Array.from({ length: 10 }, () => http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const pairs = new Set(answers.map((a) => `${a.body.accessToken} ${a.body.refreshToken}`));
    expect(pairs.size).toBe(1);
    const next = answers[0]!.body as { accessToken: string; refreshToken: string; user: { id: string } };
    expect(next.refreshToken).not.toBe(user.refreshToken);
    expect(next.user.id).toBe(user.id);
    expect((await http(t.url, 'GET', '/auctions', { token: next.accessToken })).status).toBe(200);
    // The family was not revoked: the new token rotates as usual.
    const after = await http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: next.refreshToken } });
    expect(after.status).toBe(200);
    expect(await t.server.db.refreshToken.count({ where: { userId: user.id, revokedAt: { not: null } } })).toBe(0);
  });

  it('after the window, reusing the rotated token revokes the whole family', async () => {
    await using t = await startServer({ REFRESH_REUSE_WINDOW_SECONDS: '1' });
    const user = await t.signIn('Stolen token');
    const refresh = (refreshToken: string) => http(t.url, 'POST', '/auth/refresh', { body: { refreshToken } });
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    const again = await refresh(user.refreshToken);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    await new Promise((r) => setTimeout(r, 1_100));
    const late = await refresh(user.refreshToken);
    expect(late.status).toBe(401);
    expect(late.body).toEqual(REUSE);
    expect((await refresh(first.body.refreshToken)).status).toBe(401);
  });

  it('the window does not outlive a logout', async () => {
    await using t = await startServer();
    const user = await t.signIn('Leaving');
    const first = await http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(first.status).toBe(200);
    expect((await http(t.url, 'POST', '/auth/logout', { body: { refreshToken: first.body.refreshToken } })).status).toBe(204);
    const replay = await http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('REFRESH_REUSE_WINDOW_SECONDS=0 turns the window off: an immediate repeat is reuse', async () => {
    await using t = await startServer({ REFRESH_REUSE_WINDOW_SECONDS: '0' });
    const user = await t.signIn('Strict');
    expect((await http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(200);
    const repeat = await http(t.url, 'POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(repeat.status).toBe(401);
    expect(repeat.body).toEqual(REUSE);
  });
});
