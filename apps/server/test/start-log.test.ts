// What an operator sees when the server starts (main.ts): migration progress, then one line with the URL,
// the database (no password), the mode, and where the web app, /docs and /metrics are.
import { readdirSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { defaultMigrationsDir } from '../src/db/migrate.js';
import { parseDatabaseUrl } from '../src/db/database-url.js';
import { createTestDatabase } from './support/test-database.js';
import { serverProcess } from './support/server-process.js';

async function waitForOutput(proc: { output(): string }, pattern: RegExp, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(proc.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('start-up log', () => {
  it('logs each migration, then one start line (JSON when stdout is not a terminal)', async () => {
    const database = await createTestDatabase();
    const proc = await serverProcess({ databaseUrl: database.url, env: { LOG_LEVEL: 'info' } });
    onTestFinished(async () => {
      await proc.stop();
      await database.drop();
    });
    await waitForOutput(proc, /Bidwire is listening/);
    const lines = proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; start?: { url: string; database: string; mode: string } });

    const db = parseDatabaseUrl(database.url);
    const provider = db.provider;
    const migrations = readdirSync(defaultMigrationsDir(provider)).filter((n) => /^\d+_/.test(n));
    expect(migrations.length).toBeGreaterThan(0);
    for (const name of migrations) expect(lines.map((l) => l.msg)).toContainEqual(expect.stringMatching(new RegExp(`^(applying|applied) migration ${name}`)));

    const start = lines.filter((l) => l.start);
    expect(start).toHaveLength(1);
    expect(start[0]!.start).toEqual({ url: proc.url, database: expect.stringMatching(/^(SQLite|PostgreSQL|MySQL\/MariaDB) /), mode: 'single-node' });
    if (db.provider === 'sqlite') expect(start[0]!.start!.database).toBe(`SQLite ${db.filePath}`);
    expect(start[0]!.msg).toBe(
      `Bidwire is listening on ${proc.url} — database: ${start[0]!.start!.database}; mode: single-node; ` +
        `web app: ${proc.url}/ · REST docs: ${proc.url}/docs · metrics: ${proc.url}/metrics`,
    );
  });
});
