// Which migrations a database still needs, read from Prisma's own `_prisma_migrations` table with a plain
// connection: a restart with nothing to apply never loads the WebAssembly schema engine (compiling it leaves
// about 15 MB in the process, measured). Anything unusual (a failed migration recorded) answers null, and the
// engine decides and reports as `prisma migrate deploy` would. Each driver is imported for its provider only.
import { existsSync } from 'node:fs';
import type { DatabaseConfig } from './database-url.js';

interface Recorded {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

const APPLIED = `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;

/** The names of `all` not yet applied; null when the engine should look (failed migrations recorded). */
export async function pendingMigrations(config: DatabaseConfig, all: readonly string[]): Promise<string[] | null> {
  const rows = await recorded(config);
  if (rows === null) return [...all];
  if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return null;
  const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  return all.filter((name) => !applied.has(name));
}

/** Every row of `_prisma_migrations`; null when the database or the table does not exist yet. */
async function recorded(config: DatabaseConfig): Promise<Recorded[] | null> {
  switch (config.provider) {
    case 'sqlite': {
      if (!existsSync(config.filePath)) return null;
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(config.filePath, { readonly: true, fileMustExist: true });
      try {
        const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
        return table ? (db.prepare(APPLIED).all() as Recorded[]) : null;
      } finally {
        db.close();
      }
    }
    case 'postgresql': {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: config.url });
      client.on('error', () => {}); // a dropped connection fails the query below instead
      await client.connect();
      try {
        const table = await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
        return table.rows[0]?.t ? (await client.query<Recorded>(APPLIED)).rows : null;
      } finally {
        await client.end().catch(() => {});
      }
    }
    case 'mysql':
      return null; // our own runner (mysql-migrate.ts) is already cheap
  }
}
