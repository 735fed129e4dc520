// Applies prisma/providers/mysql/migrations to MySQL/MariaDB the way `prisma migrate deploy` does (same
// `_prisma_migrations` table, sha256 checksums), since the WASM schema engine has no MySQL connector.
// A named lock keeps two nodes starting at once from applying the same migration twice.
import { createHash, randomUUID } from 'node:crypto';
import mariadb from 'mariadb';
import type { MigrationList } from './migrations-list.js';

const LOCK = 'bidwire_migrations';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) PRIMARY KEY NOT NULL,
  checksum VARCHAR(64) NOT NULL,
  finished_at DATETIME(3),
  migration_name VARCHAR(255) NOT NULL,
  logs TEXT,
  rolled_back_at DATETIME(3),
  started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_steps_count INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

export async function applyMysqlMigrations(url: string, list: MigrationList): Promise<string[]> {
  const conn = await mariadb.createConnection({ ...parse(url), multipleStatements: true });
  try {
    await conn.query('SELECT GET_LOCK(?, 60)', [LOCK]);
    await conn.query(CREATE_TABLE);
    const rows = (await conn.query(
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
    )) as { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[];
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier; resolve it before starting again.`);
    }
    const done = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
    const applied: string[] = [];
    for (const dir of list.migrationDirectories) {
      if (done.has(dir.path)) continue;
      if (dir.migrationFile.content.tag !== 'ok') throw new Error(dir.migrationFile.content.value);
      const sql = dir.migrationFile.content.value;
      const id = randomUUID();
      const checksum = createHash('sha256').update(sql).digest('hex');
      await conn.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (?, ?, ?)', [id, checksum, dir.path]);
      try {
        await conn.query(sql);
      } catch (error) {
        await conn.query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [String(error), id]);
        throw new Error(`Migration ${dir.path} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await conn.query('UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?', [id]);
      applied.push(dir.path);
    }
    return applied;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [LOCK]).catch(() => undefined);
    await conn.end();
  }
}

function parse(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
  };
}
