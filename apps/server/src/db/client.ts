// Creates the Prisma client for a DATABASE_URL through a driver adapter (no query engine binary).
// One generated client per provider (the query compiler is provider-specific), one small factory per provider;
// all three clients are generated from the same schema, so they share the SQLite client's type.
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as MysqlClient } from '../generated/mysql/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { parseDatabaseUrl, type DatabaseConfig, type DatabaseProvider } from './database-url.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

export type { PrismaClient };
export type Db = PrismaClient;

const providers = new WeakMap<object, DatabaseProvider>();

/** The provider a client was created for (decides transaction options). */
export function providerOf(db: object): DatabaseProvider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * Errors of idle pooled connections (the database restarted, a connection was killed) are reported here
 * instead of crashing the process; the pool replaces the connection on the next query.
 */
export type ConnectionErrorHandler = (error: Error) => void;

export function createPrismaClient(databaseUrl: string, onConnectionError: ConnectionErrorHandler = () => {}): Db {
  const config = parseDatabaseUrl(databaseUrl);
  const db = createClient(config, onConnectionError);
  providers.set(db, config.provider);
  return db;
}

function createClient(config: DatabaseConfig, onError: ConnectionErrorHandler): Db {
  switch (config.provider) {
    case 'sqlite':
      return new PrismaClient({ adapter: createSqliteAdapterFactory(config.filePath) });
    case 'postgresql':
      return new PostgresClient({
        adapter: new PrismaPg({ connectionString: config.url, max: 20 }, { onPoolError: onError, onConnectionError: onError }),
      }) as unknown as Db;
    case 'mysql':
      return new MysqlClient({
        adapter: new PrismaMariaDb(mariadbUrl(config.url), { onConnectionError: onError }),
      }) as unknown as Db;
  }
}

/** The MariaDB driver reads `mariadb://` URLs; `mysql://` means the same server protocol. */
export function mariadbUrl(url: string): string {
  const parsed = new URL(url.replace(/^mysql:/, 'mariadb:'));
  if (!parsed.searchParams.has('connectionLimit')) parsed.searchParams.set('connectionLimit', '20');
  return parsed.toString();
}
