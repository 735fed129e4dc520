// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) without node flags or a
// native binary: the .wasm file is read from node_modules and instantiated by hand, which also works from the
// tsup bundle.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type { MigrationList, SchemaEngine };

// The ES2022 lib and @types/node 20 do not declare the WebAssembly global: type the one call used here.
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

declare global {
  // Read by the engine's panic hook (wasm-bindgen glue).
  var PRISMA_WASM_PANIC_REGISTRY: { set_message: (message: string) => void } | undefined;
  var WebAssembly: WebAssemblyApi;
}

// Loaded once per process and kept: the wasm-bindgen glue module caches views of its instance's memory, so a
// second instance through the same glue would be handed stale memory. Releasing the JavaScript references
// would not give the memory back anyway (measured: dropping them all, or running the engine in a worker
// thread, leaves the same RSS, about 15 MB, as allocator memory). pending-migrations.ts is what keeps a
// restart with nothing to apply from loading it at all.
let loaded: Promise<typeof glue> | undefined;

/** How many times the engine was opened in this process (start-up with nothing pending opens it 0 times). */
export const engineStats = { opened: 0 };

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
  engineStats.opened++;
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
