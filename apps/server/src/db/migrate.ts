// Applies pending migrations at start-up — the same tables and `_prisma_migrations` bookkeeping as
// `prisma migrate deploy`, without a native engine: the WASM schema engine for SQLite and PostgreSQL, our own
// small runner for MySQL/MariaDB (mysql-migrate.ts). Each provider has its own migrations folder.
import path from 'node:path';
import { parseDatabaseUrl, type DatabaseProvider } from './database-url.js';
import { readMigrationsList } from './migrations-list.js';
import { pendingMigrations } from './pending-migrations.js';
import { findServerPackageRoot } from './package-root.js';

export interface ApplyMigrationsOptions {
  /** Defaults to `<apps/server>/prisma/migrations`. */
  migrationsDir?: string;
  /** Also forward the engine's own log lines to `log`. */
  verbose?: boolean;
  /**
   * Where the schema engine runs when a migration is pending: in this process (tests, which migrate many
   * databases) or in a child process that exits afterwards (main.ts: the serving process never holds the
   * engine's memory, engine-migrate-process.ts). MySQL never uses the engine.
   */
  engineIn?: 'this-process' | 'child-process';
}

export function defaultMigrationsDir(provider: DatabaseProvider = 'sqlite'): string {
  const prisma = path.join(findServerPackageRoot(), 'prisma');
  return provider === 'sqlite' ? path.join(prisma, 'migrations') : path.join(prisma, 'providers', provider, 'migrations');
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

  // Each runner is imported when it is needed; the WASM engine only when a migration is pending.
  if (config.provider === 'mysql') {
    const { applyMysqlMigrations } = await import('./mysql-migrate.js');
    return report(await applyMysqlMigrations(config.url, migrationsList));
  }

  const pending = await pendingMigrations(config, migrationsList.migrationDirectories.map((d) => d.path));
  if (pending?.length === 0) return report([]);

  const engineLog = options.verbose ? log : undefined;
  if (options.engineIn === 'child-process') {
    const { applyInChildProcess } = await import('./engine-migrate-process.js');
    return report(await applyInChildProcess(config, migrationsList, engineLog));
  }
  const { applyWithSchemaEngine } = await import('./engine-migrate.js');
  return report(await applyWithSchemaEngine(config, migrationsList, engineLog));
}
