// GET /readyz while the database and Redis are down at start, and after they come back (issue 5):
// the server starts anyway (503, not a crash), migrates and recovers by itself.
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createRestClient } from '@bidwire/sdk';
import { createTestDatabase } from '../support/test-database.js';
import { toggleProxy } from '../support/toggle-proxy.js';

async function readyz(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { status: string }> } };
}

async function eventually<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('starts with the database and Redis down, answers 503, then recovers when they come back', async () => {
  const database = await createTestDatabase('postgresql');
  const pgUrl = new URL(database.url);
  const redisUrl = new URL(process.env.BIDWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const pg = await toggleProxy(Number(pgUrl.port || 5432), { up: false });
  const redis = await toggleProxy(Number(redisUrl.port || 6379), { up: false });
  pgUrl.host = `127.0.0.1:${pg.port}`;

  const server = await buildApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: pgUrl.toString(),
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_KEY_PREFIX: `rz${Date.now().toString(36)}`,
      OTP_DEV_ECHO: '1',
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;

    const down = await readyz(url);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.database?.status).toMatch(/^(starting|down)$/);
    expect(down.body.checks.redis?.status).toBe('down');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    pg.up();
    const halfway = await eventually('the database to be ready', () => readyz(url), (r) => r.body.checks.database?.status === 'ok');
    expect(halfway.status).toBe(503); // Redis is still down
    redis.up();
    const ready = await eventually('readiness', () => readyz(url), (r) => r.status === 200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { status: 'ok' }, redis: { status: 'ok' } } });

    // It really works: migrations ran, a user signs in and creates an auction.
    const rest = createRestClient({ baseUrl: url });
    const { devCode } = await rest.requestOtp({ body: { phone: '+15557770001' } });
    const pair = await rest.verifyOtp({ body: { phone: '+15557770001', code: devCode!, name: 'Back' } });
    const auction = await createRestClient({ baseUrl: url, token: pair.accessToken }).createAuction({ body: { title: 'After the outage' } });
    expect(auction.status).toBe('scheduled');

    // And it notices a later outage, then recovers again.
    pg.down();
    await eventually('503 after the database went away', () => readyz(url), (r) => r.status === 503);
    pg.up();
    await eventually('readiness again', () => readyz(url), (r) => r.status === 200);
  } finally {
    await server.close();
    await database.drop();
  }
});
