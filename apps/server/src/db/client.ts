// Creates the Prisma client for a DATABASE_URL through a driver adapter (no query engine binary).
// One factory function per provider: adding PostgreSQL/MySQL means adding a case and its adapter.
import { PrismaClient } from '../generated/prisma/client.js';
import { parseDatabaseUrl } from './database-url.js';
import type { DatabaseConfig } from './database-url.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

export type { PrismaClient };
export type Db = PrismaClient;

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const config = parseDatabaseUrl(databaseUrl);
  switch (config.provider) {
    case 'sqlite':
      return createSqliteClient(config);
    case 'postgresql':
    case 'mysql':
      throw new Error(
        `DATABASE_URL uses ${config.provider}, which is not supported yet: only file: (SQLite) URLs work for now`,
      );
  }
}

function createSqliteClient(config: Extract<DatabaseConfig, { provider: 'sqlite' }>): PrismaClient {
  return new PrismaClient({ adapter: createSqliteAdapterFactory(config.filePath) });
}
