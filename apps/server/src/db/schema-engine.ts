// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) without node flags or a
// native binary: the .wasm file is read from node_modules and instantiated by hand, which also works from the
// tsup bundle. Also reads prisma/migrations into the engine's MigrationList shape.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type { MigrationList, SchemaEngine };

export const MIGRATION_LOCKFILE = 'migration_lock.toml';

declare global {
  // Read by the engine's panic hook (wasm-bindgen glue).
  var PRISMA_WASM_PANIC_REGISTRY: { set_message: (message: string) => void } | undefined;
}

// The ES2022 lib and @types/node 20 do not declare the WebAssembly global: type the one call used here.
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let loaded: Promise<typeof glue> | undefined;

function loadWasm(): Promise<typeof glue> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`[schema-engine panic] ${message}`),
    };
    return glue;
  })();
  loaded.catch(() => {
    loaded = undefined; // allow a retry after a failed load
  });
  return loaded;
}

export interface OpenSchemaEngineOptions {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Prisma schema files as [path, content]; optional for applying migrations. */
  datamodels?: [string, string][];
  log?: (message: string) => void;
}

/** Opens a schema engine on a driver adapter. Run engine calls through `run` to get readable adapter errors. */
export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<{
  engine: SchemaEngine;
  run: <T>(call: (engine: SchemaEngine) => Promise<T>) => Promise<T>;
}> {
  const wasm = await loadWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(options.adapterFactory);
  const log = options.log;
  const engine = await wasm.SchemaEngine.new(
    { datamodels: options.datamodels },
    (line: string) => log?.(engineLogMessage(line)),
    bound,
  );
  const run = async <T>(call: (engine: SchemaEngine) => Promise<T>): Promise<T> => {
    try {
      return await call(engine);
    } catch (error) {
      throw withAdapterCause(error, bound.errorRegistry);
    }
  };
  return { engine, run };
}

function engineLogMessage(line: string): string {
  try {
    const parsed = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    return `[schema-engine ${parsed.level ?? 'LOG'}] ${parsed.fields?.message ?? line}`;
  } catch {
    return `[schema-engine] ${line}`;
  }
}

/** The engine reports driver errors as "External error id#N": attach the original error as the cause. */
function withAdapterCause(
  error: unknown,
  registry: { consumeError(id: number): { error: unknown } | undefined },
): unknown {
  if (!(error instanceof Error)) return error;
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const record = id === undefined ? undefined : registry.consumeError(Number(id));
  if (!record) return error;
  const cause = record.error instanceof Error ? record.error.message : JSON.stringify(record.error);
  return new Error(`${error.message.split('\n')[0]}: ${cause}`, { cause: record.error });
}

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
