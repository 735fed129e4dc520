// Creates the Prisma client for a DATABASE_URL through a driver adapter (no query engine binary).
// One generated client per provider (the query compiler is provider-specific), one small factory per provider;
// all three clients are generated from the same schema, so they share the SQLite client's type.
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as MysqlClient } from '../generated/mysql/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { parseDatabaseUrl, type DatabaseConfig, type DatabaseProvider } from './database-url.js';
import { createSqliteAdapterFactory, type SqliteAdapterFactory } from './sqlite-adapter.js';

export type { PrismaClient };
export type Db = PrismaClient;

const providers = new WeakMap<object, DatabaseProvider>();
const sqliteFactories = new WeakMap<object, SqliteAdapterFactory>();
const postgresPools = new WeakMap<object, pg.Pool>();

/** The provider a client was created for (decides transaction options). */
export function providerOf(db: object): DatabaseProvider {
  return providers.get(db) ?? 'sqlite';
}

/** SQLite only: a synchronous write transaction on the client's own connection (see SqliteAdapterFactory). */
export type SqliteExclusive = <T>(work: (client: Database.Database) => T) => Promise<T>;

export function sqliteExclusive(db: Db): SqliteExclusive | null {
  const factory = sqliteFactories.get(db);
  if (!factory) return null;
  return async (work) => {
    const queued = factory.exclusive(work);
    if (queued) return queued;
    await db.$connect(); // the client connects on its first query; this may be the first
    const afterConnect = factory.exclusive(work);
    if (!afterConnect) throw new Error('The SQLite client has no connection.');
    return afterConnect;
  };
}

/** PostgreSQL only: the client's own connection pool, for hot paths that run their own SQL (bids). */
export function postgresPool(db: Db): pg.Pool | null {
  return postgresPools.get(db) ?? null;
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
    case 'sqlite': {
      const factory = createSqliteAdapterFactory(config.filePath);
      const db = new PrismaClient({ adapter: factory });
      sqliteFactories.set(db, factory);
      return db;
    }
    case 'postgresql': {
      // Our pool, handed to the adapter (which ends it on $disconnect), so direct SQL shares its connections.
      const pool = new pg.Pool({ connectionString: config.url, max: 20 });
      const db = new PostgresClient({
        adapter: new PrismaPg(pool, { onPoolError: onError, onConnectionError: onError, disposeExternalPool: true }),
      }) as unknown as Db;
      postgresPools.set(db, pool);
      return db;
    }
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
