// Applies pending migrations from apps/server/prisma/migrations at start-up with the WASM schema engine —
// the same tables and `_prisma_migrations` bookkeeping as `prisma migrate deploy`, without a native engine.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from './database-url.js';
import { findServerPackageRoot } from './package-root.js';
import { openSchemaEngine, readMigrationsList } from './schema-engine.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

export interface ApplyMigrationsOptions {
  /** Defaults to `<apps/server>/prisma/migrations`. */
  migrationsDir?: string;
  /** Also forward the engine's own log lines to `log`. */
  verbose?: boolean;
}

export function defaultMigrationsDir(): string {
  return path.join(findServerPackageRoot(), 'prisma', 'migrations');
}

/** Applies every migration not yet recorded in `_prisma_migrations`; a second call applies nothing. */
export async function applyMigrations(
  databaseUrl: string,
  log?: (msg: string) => void,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const config = parseDatabaseUrl(databaseUrl);
  if (config.provider !== 'sqlite') {
    throw new Error(`Migrations for ${config.provider} are not supported yet; use a file: (SQLite) DATABASE_URL`);
  }
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const migrationsList = readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${migrationsDir}`);
  }

  mkdirSync(path.dirname(config.filePath), { recursive: true });
  const adapterFactory = createSqliteAdapterFactory(config.filePath);
  const { engine, run } = await openSchemaEngine({
    adapterFactory,
    log: options.verbose ? log : undefined,
  });
  try {
    const { appliedMigrationNames } = await run((e) =>
      e.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
    );
    for (const name of appliedMigrationNames) log?.(`applied migration ${name}`);
    if (appliedMigrationNames.length === 0) log?.('database schema is up to date');
    return { applied: appliedMigrationNames };
  } finally {
    engine.free();
    await adapterFactory.disposeAll();
  }
}
