// Sign-in codes through OTP_WEBHOOK_URL (SPEC §9): a local receiver checks the documented signature
// (`X-Bidwire-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), the sender retries with backoff and
// gives up with a clear 503; production refuses to start without a way to deliver codes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer } from './harness.js';

const SECRET = 'whsec_test_0123456789abcdef';

/** The receiver's check, written from the README's description (not from the server's code). */
function verifySignature(header: string | undefined, rawBody: string, secret: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Delivery {
  at: number;
  body: string;
  signature: string | undefined;
  deliveryId: string | undefined;
  valid: boolean;
}

/** A receiver on an ephemeral port; `answer` decides each attempt's status (or `hang` to never answer). */
async function receiver(answer: (attempt: number) => number | 'hang') {
  const deliveries: Delivery[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const signature = req.headers['x-bidwire-signature'] as string | undefined;
      deliveries.push({ at: Date.now(), body, signature, deliveryId: req.headers['x-bidwire-delivery'] as string | undefined, valid: verifySignature(signature, body, SECRET) });
      const status = answer(deliveries.length);
      if (status === 'hang') return void hanging.push(res);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/otp`;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  receivers.push(close);
  return { url, deliveries };
}
const receivers: (() => Promise<void>)[] = [];
afterEach(async () => void (await Promise.all(receivers.splice(0).map((c) => c()))));

const webhookEnv = (url: string, extra: Record<string, string> = {}) => ({ OTP_WEBHOOK_URL: url, OTP_WEBHOOK_SECRET: SECRET, OTP_DEV_ECHO: '0', ...extra });

async function requestCode(base: string, phone: string) {
  const res = await fetch(`${base}/auth/otp/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('OTP webhook sender', () => {
  it('POSTs { phone, code, expiresAt } signed with the secret; the code it carries signs the user in', async () => {
    const r = await receiver(() => 204);
    await using t = await startServer(webhookEnv(r.url));
    const phone = '+15550001001';
    const before = Date.now();
    expect(await requestCode(t.url, phone)).toEqual({ status: 200, body: { sent: true } }); // no devCode

    expect(r.deliveries).toHaveLength(1);
    const d = r.deliveries[0]!;
    expect(d.valid).toBe(true);
    expect(d.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(d.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    const payload = JSON.parse(d.body) as { phone: string; code: string; expiresAt: string };
    expect(Object.keys(payload).sort()).toEqual(['code', 'expiresAt', 'phone']);
    expect(payload.phone).toBe(phone);
    expect(payload.code).toMatch(/^\d{6}$/);
    const ttl = Date.parse(payload.expiresAt) - before;
    expect(ttl).toBeGreaterThan(4.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 5_000);
    // A receiver with another secret, or a body changed on the way, fails the check.
    expect(verifySignature(d.signature, d.body, 'another-secret-0123456789')).toBe(false);
    expect(verifySignature(d.signature, d.body.replace(payload.code, '000000'), SECRET)).toBe(false);

    const pair = await t.rest.verifyOtp({ body: { phone, code: payload.code, name: 'Webhook user' } });
    expect(pair.user.name).toBe('Webhook user');
  });

  it('retries a failing receiver with a growing pause, the same delivery id and a fresh signature', async () => {
    const r = await receiver((attempt) => (attempt < 3 ? 503 : 200));
    await using t = await startServer(webhookEnv(r.url));
    expect((await requestCode(t.url, '+15550001002')).status).toBe(200);
    expect(r.deliveries).toHaveLength(3);
    expect(r.deliveries.every((d) => d.valid)).toBe(true);
    expect(new Set(r.deliveries.map((d) => d.deliveryId)).size).toBe(1);
    expect(new Set(r.deliveries.map((d) => d.body)).size).toBe(1);
    const [a, b, c] = r.deliveries.map((d) => d.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(240); // 250 ms, then 500 ms
    expect(c - b).toBeGreaterThanOrEqual(490);
  });

  it('answers 503 UNAVAILABLE with a clear message when every attempt fails; a code never sent does not count', async () => {
    let down = true;
    const r = await receiver(() => (down ? 500 : 200));
    await using t = await startServer(webhookEnv(r.url, { OTP_WEBHOOK_ATTEMPTS: '2' }));
    const phone = '+15550001003';
    for (let i = 0; i < 5; i++) {
      expect(await requestCode(t.url, phone)).toEqual({
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: 'We could not send the sign-in code. Try again shortly.' } },
      });
    }
    expect(r.deliveries).toHaveLength(10);
    // The phone's hourly limit (5 codes) counts delivered codes only: the receiver is back, the code goes out.
    down = false;
    expect((await requestCode(t.url, phone)).status).toBe(200);
  });

  it('does not retry a 4xx refusal, and gives up on a receiver that never answers after the timeout', async () => {
    const refusing = await receiver(() => 401);
    await using t = await startServer(webhookEnv(refusing.url));
    expect((await requestCode(t.url, '+15550001004')).status).toBe(503);
    expect(refusing.deliveries).toHaveLength(1);

    const silent = await receiver(() => 'hang');
    await using t2 = await startServer(webhookEnv(silent.url, { OTP_WEBHOOK_TIMEOUT_MS: '300', OTP_WEBHOOK_ATTEMPTS: '2' }));
    const started = Date.now();
    expect(await requestCode(t2.url, '+15550001005')).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
    expect(silent.deliveries).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('sign-in delivery configuration', () => {
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

  it('production refuses to start without OTP_WEBHOOK_URL unless AUTH_JWKS_URL is set', () => {
    expect(() => loadConfig(prod)).toThrow(/OTP_WEBHOOK_URL: is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...prod, OTP_WEBHOOK_URL: 'https://sms.example.test/otp' })).toThrow(/OTP_WEBHOOK_SECRET: is required when OTP_WEBHOOK_URL is set/);
    expect(() => loadConfig({ ...prod, OTP_WEBHOOK_URL: 'ftp://sms.example.test/otp', OTP_WEBHOOK_SECRET: SECRET })).toThrow(/OTP_WEBHOOK_URL: must be an http/);
    expect(loadConfig({ ...prod, OTP_WEBHOOK_URL: 'https://sms.example.test/otp', OTP_WEBHOOK_SECRET: SECRET }).otpDelivery).toMatchObject({ kind: 'webhook' });
    expect(loadConfig({ ...prod, AUTH_JWKS_URL: 'https://id.example.test/jwks.json' }).otpDelivery).toEqual({ kind: 'off' });
    expect(loadConfig({}).otpDelivery).toEqual({ kind: 'log' }); // development: the code goes to the log
  });

  it('with an external identity provider and no webhook, the OTP routes say where to sign in', async () => {
    await using t = await startServer({ NODE_ENV: 'production', OTP_DEV_ECHO: '0', JWT_SECRET: 'y'.repeat(32), AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' });
    const message = 'Sign-in with a phone code is not available on this server. Sign in with your identity provider.';
    for (const [path, body] of [
      ['/auth/otp/request', { phone: '+15550001006' }],
      ['/auth/otp/verify', { phone: '+15550001006', code: '123456' }],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 404, body: { error: { code: 'NOT_FOUND', message } } });
    }
  });
});
