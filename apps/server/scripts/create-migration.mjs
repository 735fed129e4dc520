#!/usr/bin/env node
// `pnpm --filter @bidwire/server migration:create <name>`: diffs the committed migrations of every provider
// against the schema with the WebAssembly schema engine (no native engine, no network) and writes
// <migrations>/<UTC timestamp>_<name>/migration.sql in Prisma's standard layout, for
//   - SQLite (prisma/migrations), replayed on an in-memory shadow database;
//   - PostgreSQL (prisma/providers/postgresql/migrations): the committed prisma/providers/postgresql/schema.prisma
//     is the schema its migrations were made from, so the new migration is the diff of two datamodels (no
//     database needed); the baseline is then rewritten;
//   - MySQL/MariaDB (prisma/providers/mysql/migrations): the WASM engine has no MySQL connector, so the
//     PostgreSQL script is translated (scripts/mysql-from-postgres.mjs) and proven by the test suite on MariaDB.
// The WASM loading mirrors src/db/schema-engine.ts (kept as plain JS so it runs without a TS loader).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(packageRoot, 'package.json'));
import { deriveSchema, providerPaths, writeProviderSchemas, keyedStringFields, sourceSchemaPath } from './provider-schemas.mjs';
import { mysqlFromPostgres } from './mysql-from-postgres.mjs';
const LOCKFILE = 'migration_lock.toml';

function usage(message) {
  if (message) console.error(message);
  console.error('Usage: pnpm --filter @bidwire/server migration:create <name>');
  process.exit(1);
}

// `--dir <existing folder name>` writes the PostgreSQL/MySQL counterparts of a SQLite migration that exists already.
const argv = process.argv.slice(2).filter((arg) => arg !== '--');
const dirFlag = argv.indexOf('--dir');
const forcedDir = dirFlag >= 0 ? argv.splice(dirFlag, 2)[1] : undefined;
const rawName = forcedDir ?? argv.join('_');
if (!rawName) usage('A migration name is required.');
const name = rawName
  .trim()
  .replace(/[^A-Za-z0-9_]+/g, '_')
  .replace(/^_+|_+$/g, '')
  .slice(0, 200);
if (!name) usage(`Invalid migration name: ${rawName}`);

async function loadSchemaEngineModule() {
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = await import(pathToFileURL(gluePath).href);
  const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (msg) => console.error(`[schema-engine panic] ${msg}`) };
  return glue;
}

function providerOf(schema) {
  const match = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"(\w+)"/s.exec(schema);
  if (!match) throw new Error('Could not find the datasource provider in prisma/schema.prisma');
  return match[1];
}

function readMigrationsList(provider, migrationsDir) {
  const lockPath = path.join(migrationsDir, LOCKFILE);
  const migrationDirectories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((dir) => {
          const file = path.join(migrationsDir, dir, 'migration.sql');
          const content = existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `missing ${file}` };
          return { path: dir, migrationFile: { path: 'migration.sql', content } };
        })
    : [];
  const lockContent = existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null;
  if (lockContent !== null && !lockContent.includes(`provider = "${provider}"`)) {
    throw new Error(`${lockPath} was written for another provider than "${provider}".`);
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/**
 * The engine replays migration scripts on the shadow database through `executeRaw`, which better-sqlite3 can only
 * run one statement at a time: parameterless multi-statement SQL falls back to `executeScript` (as in
 * src/db/sqlite-adapter.ts).
 */
function multiStatementFactory(inner) {
  const patch = (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.args.length === 0 && error instanceof RangeError && /more than one statement/.test(error.message)) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        throw error;
      }
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patch(await inner.connect()),
    connectToShadowDb: async () => patch(await inner.connectToShadowDb()),
  };
}

function lockfileContent(provider) {
  return [
    '# Please do not edit this file manually',
    '# It should be added in your version-control system (e.g., Git)',
    `provider = "${provider}"`,
    '',
  ].join('\n');
}

function timestamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Runs the engine's diff from `from` to the datamodel `toFile`; answers the SQL ('' when nothing changed). */
async function engineDiff(engineModule, adapterFactory, from, toFile) {
  const { bindMigrationAwareSqlAdapterFactory } = await import(
    pathToFileURL(require.resolve('@prisma/driver-adapter-utils')).href
  );
  const engine = await engineModule.SchemaEngine.new(
    { datamodels: [[toFile.path, toFile.content]] },
    (line) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
    },
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [toFile] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = (result.stdout ?? '').trim();
    return script === '' || /^-- This is an empty migration\.?$/.test(script) ? '' : script;
  } finally {
    engine.free();
  }
}

/** The SQL that brings `provider`'s committed migrations up to its schema (replayed on a shadow database). */
async function diffFor(engineModule, provider, adapterFactory) {
  const { schema: schemaPath, migrations: migrationsDir } = providerPaths(provider);
  const migrationsList = readMigrationsList(provider, migrationsDir);
  const from =
    migrationsList.migrationDirectories.length === 0
      ? { tag: 'empty' }
      : { tag: 'migrations', ...migrationsList, lockfile: { path: LOCKFILE, content: migrationsList.lockfile.content ?? lockfileContent(provider) } };
  return engineDiff(engineModule, adapterFactory, from, { path: schemaPath, content: readFileSync(schemaPath, 'utf8') });
}

function writeMigration(provider, dirName, script) {
  const { migrations: migrationsDir } = providerPaths(provider);
  const dir = path.join(migrationsDir, dirName);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), `${script}\n`);
  if (!existsSync(path.join(migrationsDir, LOCKFILE))) {
    writeFileSync(path.join(migrationsDir, LOCKFILE), lockfileContent(provider));
  }
  console.log(`created ${path.relative(packageRoot, path.join(dir, 'migration.sql'))}`);
}

/** The SQL from one datamodel to another (`from` null: from an empty database), with no database involved. */
function diffDatamodels(engineModule, adapterFactory, from, to) {
  const origin = from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'previous/schema.prisma', content: from }] };
  return engineDiff(engineModule, adapterFactory, origin, { path: 'next/schema.prisma', content: to });
}

const hasMigrations = (dir) =>
  existsSync(dir) && readdirSync(dir, { withFileTypes: true }).some((entry) => entry.isDirectory());

async function main() {
  const engineModule = await loadSchemaEngineModule();
  const { PrismaBetterSqlite3 } = await import(pathToFileURL(require.resolve('@prisma/adapter-better-sqlite3')).href);
  const { PrismaPg } = await import(pathToFileURL(require.resolve('@prisma/adapter-pg')).href);

  // SQLite: the migrations are replayed on an in-memory shadow database; no real database is touched.
  const sqlite = forcedDir
    ? ''
    : await diffFor(engineModule, 'sqlite', multiStatementFactory(new PrismaBetterSqlite3({ url: ':memory:' })));

  const pg = providerPaths('postgresql');
  const baseline = hasMigrations(pg.migrations) && existsSync(pg.schema) ? readFileSync(pg.schema, 'utf8') : null;
  const next = deriveSchema(readFileSync(sourceSchemaPath, 'utf8'), 'postgresql');
  // The engine opens a connection even to compare two datamodels: it only reads the server's version.
  const pgUrl = process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const postgres = await diffDatamodels(engineModule, new PrismaPg({ connectionString: pgUrl }), baseline, next).catch((error) => {
    throw new Error(`PostgreSQL migrations need a reachable PostgreSQL server (MIGRATION_POSTGRES_URL=${pgUrl}): ${error instanceof Error ? error.message : error}`);
  });

  if (!sqlite && !postgres) {
    console.log('no changes: the migrations already match prisma/schema.prisma');
    return;
  }
  const dirName = forcedDir ?? `${timestamp()}_${name}`;
  if (sqlite) writeMigration('sqlite', dirName, sqlite);
  if (postgres) {
    writeMigration('postgresql', dirName, postgres);
    const keyed = keyedStringFields(readFileSync(sourceSchemaPath, 'utf8'));
    writeMigration('mysql', dirName, mysqlFromPostgres(postgres, keyed));
  }
  writeProviderSchemas('committed');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
