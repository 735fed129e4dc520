// Public entry point of the database layer: client creation, start-up migrations and DATABASE_URL parsing.
export { createPrismaClient } from './client.js';
export type { Db } from './client.js';
export { applyMigrations, defaultMigrationsDir } from './migrate.js';
export type { ApplyMigrationsOptions } from './migrate.js';
export { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './database-url.js';
export type { DatabaseConfig, DatabaseProvider } from './database-url.js';
export { findServerPackageRoot } from './package-root.js';
