// Applies pending migrations at start-up — the same tables and `_prisma_migrations` bookkeeping as
// `prisma migrate deploy`, without a native engine: the WASM schema engine for SQLite and PostgreSQL, our own
// small runner for MySQL/MariaDB (mysql-migrate.ts). Each provider has its own migrations folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { parseDatabaseUrl, type DatabaseProvider } from './database-url.js';
import { applyMysqlMigrations } from './mysql-migrate.js';
import { findServerPackageRoot } from './package-root.js';
import { openSchemaEngine, readMigrationsList } from './schema-engine.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

export interface ApplyMigrationsOptions {
  /** Defaults to `<apps/server>/prisma/migrations`. */
  migrationsDir?: string;
  /** Also forward the engine's own log lines to `log`. */
  verbose?: boolean;
}

export function defaultMigrationsDir(provider: DatabaseProvider = 'sqlite'): string {
  const prisma = path.join(findServerPackageRoot(), 'prisma');
  return provider === 'sqlite' ? path.join(prisma, 'migrations') : path.join(prisma, 'providers', provider, 'migrations');
}


/** Wraps an adapter factory so every connection it opened can be closed. */
function disposable(inner: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
    disposeAll: async () => void (await Promise.allSettled(opened.map((a) => a.dispose()))),
  };
}

/** Applies every migration not yet recorded in `_prisma_migrations`; a second call applies nothing. */
export async function applyMigrations(
  databaseUrl: string,
  log?: (msg: string) => void,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const config = parseDatabaseUrl(databaseUrl);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir(config.provider);
  const migrationsList = readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${migrationsDir}`);
  }
  const report = (applied: string[]) => {
    for (const name of applied) log?.(`applied migration ${name}`);
    if (applied.length === 0) log?.('database schema is up to date');
    return { applied };
  };

  if (config.provider === 'mysql') return report(await applyMysqlMigrations(config.url, migrationsList));

  // SQLite and PostgreSQL: the WASM engine (on PostgreSQL it takes Prisma's advisory lock itself, so nodes
  // starting together apply each migration once).
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> };
  if (config.provider === 'postgresql') {
    // Errors of its idle connections (e.g. the server going away mid-start) must not crash the process.
    const ignore = () => {};
    adapterFactory = disposable(new PrismaPg({ connectionString: config.url }, { onPoolError: ignore, onConnectionError: ignore }));
  } else {
    mkdirSync(path.dirname(config.filePath), { recursive: true });
    adapterFactory = createSqliteAdapterFactory(config.filePath);
  }
  const { engine, run } = await openSchemaEngine({ adapterFactory, log: options.verbose ? log : undefined });
  try {
    const { appliedMigrationNames } = await run((e) =>
      e.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
    );
    return report(appliedMigrationNames);
  } finally {
    engine.free();
    // The engine does not close its connections; an open one would keep the database busy (on PostgreSQL it
    // would hold the advisory lock and make the next node or restart wait ~10 s for it).
    await adapterFactory.disposeAll();
  }
}
