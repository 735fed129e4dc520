// Creates the Prisma client for a DATABASE_URL through a driver adapter (no query engine binary).
// One generated client per provider (the query compiler is provider-specific), one small factory per provider
// (sqlite-client.ts, postgres-client.ts, mysql-client.ts), and one type, `Db`, that all three are assignable to
// as they are: what their APIs share. Only the configured provider's factory is imported (dynamic import()):
// the other generated clients, adapters and drivers are never loaded (a few MB of memory each).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { PrismaClient as SqliteClient, Prisma } from '../generated/prisma/client.js';
import { parseDatabaseUrl, type DatabaseConfig, type DatabaseProvider } from './database-url.js';
import type { SqliteAdapterFactory } from './sqlite-adapter.js';
import { useBaselineWasmCompilerOnly } from './wasm-baseline-tier.js';

/**
 * What the three generated clients differ in, left out of `Db`: MySQL has no `*AndReturn` (no RETURNING);
 * `aggregate` and `groupBy` are typed with conditional types that TypeScript cannot relate across the three
 * generated modules; each delegate's symbol-keyed metadata is provider-specific. PostgreSQL's inputs are a
 * superset of SQLite's (`mode`, field references), so the SQLite client's model API is what all three accept.
 */
type Unshared = 'createManyAndReturn' | 'updateManyAndReturn' | 'aggregate' | 'groupBy' | symbol;
type Models = { [M in Uncapitalize<Prisma.ModelName>]: Omit<SqliteClient[M], Unshared> };
type Raw = Pick<SqliteClient, '$queryRaw' | '$queryRawUnsafe' | '$executeRaw' | '$executeRawUnsafe'>;

/** The client inside an interactive transaction. */
export type Tx = Models & Raw;

/** Transaction options every provider takes; the isolation level is set per provider (`runTransaction`). */
export interface TxOptions {
  maxWait?: number;
  timeout?: number;
}

/** A Prisma client of any of the three providers. */
export type Db = Tx &
  Pick<SqliteClient, '$connect' | '$disconnect'> & {
    $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TxOptions): Promise<R>;
  };

/** READ COMMITTED for writers, REPEATABLE READ for consistent snapshots (ignored by SQLite, which is serializable). */
export type IsolationLevel = 'ReadCommitted' | 'RepeatableRead';

/** Runs an interactive transaction with the provider's own client, so the isolation level is typed as it accepts. */
export type RunTransaction = <R>(fn: (tx: Tx) => Promise<R>, options: TxOptions & { isolationLevel: IsolationLevel }) => Promise<R>;

export interface ClientFacts {
  provider: DatabaseProvider;
  runTransaction: RunTransaction;
  /** SQLite: the adapter factory, whose `exclusive` runs direct SQL between Prisma's transactions. */
  sqlite?: SqliteAdapterFactory;
  /** PostgreSQL: the pool the adapter uses, for hot paths that run their own SQL. */
  pool?: pg.Pool;
}

const facts = new WeakMap<object, ClientFacts>();

function factsOf(db: Db): ClientFacts {
  const f = facts.get(db);
  if (!f) throw new Error('This client was not made by createPrismaClient.');
  return f;
}

/** The provider a client was created for (decides transaction options). */
export function providerOf(db: Db): DatabaseProvider {
  return factsOf(db).provider;
}

export function runTransaction(db: Db): RunTransaction {
  return factsOf(db).runTransaction;
}

/** SQLite only: a synchronous write transaction on a connection of our own, between Prisma's transactions (direct SQL). */
export type SqliteExclusive = <T>(work: (client: Database.Database) => T) => Promise<T>;

export function sqliteExclusive(db: Db): SqliteExclusive | null {
  const factory = factsOf(db).sqlite;
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
  return factsOf(db).pool ?? null;
}

/**
 * Errors of idle pooled connections (the database restarted, a connection was killed) are reported here
 * instead of crashing the process; the pool replaces the connection on the next query.
 */
export type ConnectionErrorHandler = (error: Error) => void;

/** What each provider's factory makes: the client and its facts. */
export type CreatedClient = ClientFacts & { db: Db };

export async function createPrismaClient(databaseUrl: string, onConnectionError: ConnectionErrorHandler = () => {}): Promise<Db> {
  useBaselineWasmCompilerOnly(); // before the query compiler is compiled (wasm-baseline-tier.ts)
  const { db, ...rest } = await createClient(parseDatabaseUrl(databaseUrl), onConnectionError);
  facts.set(db, rest);
  return db;
}

async function createClient(config: DatabaseConfig, onError: ConnectionErrorHandler): Promise<CreatedClient> {
  switch (config.provider) {
    case 'sqlite':
      return (await import('./sqlite-client.js')).createSqliteClient(config.filePath);
    case 'postgresql':
      return (await import('./postgres-client.js')).createPostgresClient(config.url, onError);
    case 'mysql':
      return (await import('./mysql-client.js')).createMysqlClient(mariadbUrl(config.url), onError);
  }
}

/** The MariaDB driver reads `mariadb://` URLs; `mysql://` means the same server protocol. */
export function mariadbUrl(url: string): string {
  const parsed = new URL(url.replace(/^mysql:/, 'mariadb:'));
  if (!parsed.searchParams.has('connectionLimit')) parsed.searchParams.set('connectionLimit', '20');
  return parsed.toString();
}
