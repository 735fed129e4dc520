// Reads a provider's migrations folder (Prisma's standard layout) into the schema engine's MigrationList shape;
// also what our MySQL runner and the pending check read. No engine is loaded here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

export type { MigrationList };

export const MIGRATION_LOCKFILE = 'migration_lock.toml';

/** Reads `<dir>/<name>/migration.sql` folders (sorted by name, as Prisma does) and migration_lock.toml. */
export function readMigrationsList(migrationsDir: string): MigrationList {
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, MIGRATION_LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: { path: MIGRATION_LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}
