// The schema engine in a short-lived child process: what a server started by main.ts uses when a migration is
// pending, so the process that then serves never loads the engine. Compiling and running the WebAssembly
// engine leaves 15-25 MB in a process for good (allocator memory that letting the instance go does not give
// back: measured, also with the engine in a worker thread); a process that exits gives all of it back.
//
// This file is both sides: `applyInChildProcess` (imported by migrate.ts) forks this same file, which then runs
// as the child (`isChild`), applies the migrations with engine-migrate.ts and reports over IPC. From the build
// it is dist/engine-migrate-process.js (a tsup entry), from the sources this .ts file, forked with the parent's
// node flags (tsx's loader when the server runs from source).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from './database-url.js';
import type { MigrationList } from './migrations-list.js';

type EngineConfig = Exclude<DatabaseConfig, { provider: 'mysql' }>;

type ToChild = { type: 'apply'; config: EngineConfig; migrationsList: MigrationList; verbose: boolean };
type FromChild =
  | { type: 'log'; message: string }
  | { type: 'applied'; names: string[] }
  | { type: 'failed'; message: string; stack?: string };

const self = fileURLToPath(import.meta.url);
/**
 * The parent's node flags but those that would make the child a second debuggee or profile (an inspector port
 * already taken, a CPU profile beside the server's); from the sources (tests, `tsx src/main.ts`) the child is this
 * .ts file and needs tsx's loader, as the parent has.
 */
const inherited = process.execArgv.filter((flag) => !/^--(inspect|cpu-prof|heap-prof|prof)/.test(flag));
const execArgv = self.endsWith('.ts') && !inherited.includes('tsx') ? [...inherited, '--import', 'tsx'] : inherited;

/** The names of the migrations the engine applied, in a child process that exits afterwards. */
export function applyInChildProcess(
  config: EngineConfig,
  migrationsList: MigrationList,
  log?: (msg: string) => void,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(self, [], {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BIDWIRE_MIGRATE_CHILD: '1' },
    });
    let outcome: { names: string[] } | { error: Error } | undefined;
    child.on('message', (msg: FromChild) => {
      if (msg.type === 'log') log?.(msg.message);
      else if (msg.type === 'applied') outcome = { names: msg.names };
      else outcome = { error: Object.assign(new Error(msg.message), msg.stack ? { stack: msg.stack } : {}) };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (outcome && 'names' in outcome) resolve(outcome.names);
      else if (outcome) reject(outcome.error);
      else reject(new Error(`the migration process exited (${signal ?? `code ${code}`}) before it reported`));
    });
    child.send({ type: 'apply', config, migrationsList, verbose: log !== undefined } satisfies ToChild);
  });
}

const isChild = process.env.BIDWIRE_MIGRATE_CHILD === '1' && process.send !== undefined && path.resolve(process.argv[1] ?? '') === self;

if (isChild) {
  const send = (msg: FromChild) => new Promise<void>((resolve) => process.send!(msg, () => resolve()));
  // The parent went away (killed mid-start): nothing is waiting for the result.
  process.once('disconnect', () => process.exit(1));
  process.once('message', async (msg: ToChild) => {
    try {
      const { applyWithSchemaEngine } = await import('./engine-migrate.js');
      const names = await applyWithSchemaEngine(msg.config, msg.migrationsList, msg.verbose ? (message) => void send({ type: 'log', message }) : undefined);
      await send({ type: 'applied', names });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      await send({ type: 'failed', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
    }
    // The parent waits for this exit: nothing (an idle pool's timer, say) may keep the child alive.
    process.exit(0);
  });
}
