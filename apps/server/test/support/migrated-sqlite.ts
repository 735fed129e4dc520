// A migrated SQLite database in a temp directory with its Prisma client, for the tests of one file: created
// before its tests, closed and removed after them.
import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface MigratedSqlite {
  /** The Prisma client (once the file's tests run). */
  db(): Db;
  /** The database file's path. */
  file(): string;
}

export function useMigratedSqlite(): MigratedSqlite {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    db = await createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The database opens in beforeAll: use it inside a test.');
    return value;
  };
  return { db: () => opened(db), file: () => opened(database).url.replace(/^file:/, '') };
}
