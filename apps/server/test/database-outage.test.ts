// A database that kills the server's idle connections (a restart, an administrator) must not crash the
// server: the pool reports the error and opens fresh connections on the next query.
import pg from 'pg';
import { expect, it } from 'vitest';
import { startServer } from './harness.js';
import { POSTGRES_ADMIN_URL, testDbProvider } from './support/test-database.js';

it.runIf(testDbProvider() === 'postgresql')('survives PostgreSQL terminating its connections', async () => {
  await using t = await startServer();
  const alice = await t.signIn('Alice');
  await alice.rest.createAuction({ body: { title: 'Before' } });
  const database = new URL((t.server.config.databaseUrl)).pathname.slice(1);

  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
  await new Promise((r) => setTimeout(r, 200));
  const after = await alice.rest.createAuction({ body: { title: 'After' } });
  expect(after.title).toBe('After');
  expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
});
