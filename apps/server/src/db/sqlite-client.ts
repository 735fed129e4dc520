// The SQLite Prisma client (better-sqlite3 adapter); imported by client.ts only when DATABASE_URL is a file.
import { PrismaClient } from '../generated/prisma/client.js';
import type { CreatedClient, RunTransaction } from './client.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

export function createSqliteClient(filePath: string): CreatedClient {
  const factory = createSqliteAdapterFactory(filePath);
  const db = new PrismaClient({ adapter: factory });
  // Serializable whatever is asked: SQLite has one writer and no other level.
  const runTransaction: RunTransaction = (fn, { isolationLevel: _, ...options }) => db.$transaction(fn, options);
  return { db, provider: 'sqlite', runTransaction, sqlite: factory };
}
