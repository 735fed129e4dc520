// Applies pending migrations to SQLite or PostgreSQL with the WASM schema engine, exactly as `prisma migrate
// deploy` does. migrate.ts imports this file only when a migration is pending (or the engine must decide), so a
// restart with nothing to apply never loads the engine, the PostgreSQL adapter's factory or the WebAssembly.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseConfig } from './database-url.js';
import type { MigrationList } from './migrations-list.js';
import { openSchemaEngine } from './schema-engine.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

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

/** The names of the migrations the engine applied. */
export async function applyWithSchemaEngine(
  config: Exclude<DatabaseConfig, { provider: 'mysql' }>,
  migrationsList: MigrationList,
  log?: (msg: string) => void,
): Promise<string[]> {
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
  const { engine, run } = await openSchemaEngine({ adapterFactory, log });
  try {
    const { appliedMigrationNames } = await run((e) =>
      e.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
    );
    return appliedMigrationNames;
  } finally {
    engine.free();
    // The engine does not close its connections; an open one would keep the database busy (on PostgreSQL it
    // would hold the advisory lock and make the next node or restart wait ~10 s for it).
    await adapterFactory.disposeAll();
  }
}
