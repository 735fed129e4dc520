// What the built server loads, as `pnpm start` runs it (production, SQLite): only what it serves with. Every
// module loaded stays in memory as source, bytecode and objects (issue 18, idle RSS), so the database drivers
// it was not configured for, the schema engine (a pending migration runs in a child process), the docs
// generators (the build ships the documents), jose (external identity provider mode only), pino-pretty
// (JSON logs) and zod's locale files (zod is bundled and tree-shaken) are never loaded, nor is the query compiler's
// base64 module (read as bytes, scripts/wasm-read-once.mjs). Started with the start script's flags, the server runs
// the young-generation collections that let V8 give back the start-up's heap (start-up-heap.ts). Runs the build:
// `pnpm test` builds first (turbo.json); run on its own after `pnpm build`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(serverDir, 'dist', 'main.js');

/**
 * The newest file the build is made from: the sources, the Prisma schemas and the scripts that generate from them.
 * Not what `pnpm install` regenerates from those (`src/generated`, the `.generate.prisma` copies): the same files with
 * new times, while turbo keeps a build whose inputs did not change, so their times would call a current build stale.
 */
const newestSource = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const file = path.join(dir, e.name);
      if (e.name.startsWith('.') || file === path.join(serverDir, 'src', 'generated')) return 0;
      return e.isDirectory() ? newestSource(file) : statSync(file).mtimeMs;
    }),
  );
const newestInput = Math.max(...['src', 'prisma', 'scripts'].map((dir) => newestSource(path.join(serverDir, dir))));
const stale = !existsSync(main) ? 'there is no build' : statSync(main).mtimeMs < newestInput ? 'the build is older than the sources' : '';
if (stale) console.warn(`\n*** SKIPPING test/production-modules.test.ts: ${stale} (run \`pnpm build\`; \`pnpm test\` builds first) ***\n`);

// Records every module file the process compiles: ES modules through a loader hook (it runs on the loader's
// thread, same pid), CommonJS files through Module.prototype._compile (require() bypasses the ESM hooks on Node 20).
const hookSource = (out: string) => `
import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';
const out = ${JSON.stringify(out)};
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(\${JSON.stringify(out)}, process.pid + ' ' + url + '\\\\n');
  return next(url, context);
}\`));
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  appendFileSync(out, process.pid + ' ' + filename + '\\n');
  return compile.call(this, content, filename);
};
`;

/** Starts the build on a fresh SQLite file in `dir` with `nodeArgs`, waits until it listens, then `whileUp`, then stops it. */
async function runBuiltServer(dir: string, nodeArgs: string[], whileUp: (output: () => string) => Promise<void> = async () => {}) {
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${path.join(mkdtempSync(path.join(dir, 'db-')), 'bidwire.db')}`, // a fresh file each start
      JWT_SECRET: 'production-modules-test-secret-0123456789abcdef',
      OTP_WEBHOOK_URL: 'http://127.0.0.1:9/otp',
      OTP_WEBHOOK_SECRET: 'production-modules-test-otp-secret',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 20 s:\n${output}`)), 20_000);
      const check = () => {
        if (output.includes('is listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) before it listened:\n${output}`));
      });
    });
    await whileUp(() => output);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return { pid: child.pid!, output };
}

describe.skipIf(Boolean(stale))('the built server (production, SQLite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-modules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads its SQLite driver and none of the modules it was not configured for', async () => {
    const list = path.join(dir, 'modules.txt');
    const hook = path.join(dir, 'hook.mjs');
    writeFileSync(hook, hookSource(list));
    const { pid } = await runBuiltServer(dir, ['--import', pathToFileURL(hook).href]);

    // The serving process only: the migration it ran on the fresh file ran in a child of its own.
    const loaded = readFileSync(list, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith(`${pid} `))
      .map((line) => line.slice(line.indexOf(' ') + 1));
    const matching = (pattern: RegExp) => loaded.filter((file) => pattern.test(file));

    // The hook saw the modules that serve (otherwise every absence below would prove nothing).
    expect(matching(/\/node_modules\/better-sqlite3\//).length).toBeGreaterThan(0);
    expect(matching(/\/node_modules\/socket\.io\//).length).toBeGreaterThan(0);
    expect(matching(/\/dist\/sqlite-client-[^/]*\.js$/)).toHaveLength(1);

    const never: Record<string, RegExp> = {
      'the PostgreSQL driver': /\/node_modules\/(pg|@prisma\/adapter-pg)\/|\/dist\/postgres-client-/,
      'the MariaDB driver': /\/node_modules\/(mariadb|@prisma\/adapter-mariadb)\/|\/dist\/mysql-client-/,
      'the Redis clients': /\/node_modules\/(redis|@redis\/[^/]+|ioredis|@socket\.io\/redis-streams-adapter)\//,
      'the schema engine': /\/node_modules\/@prisma\/schema-engine-wasm\//,
      'the docs generators': /\/node_modules\/(marked|openapi-sampler)\/|\/dist\/generated-docs-/,
      'pino-pretty': /\/node_modules\/pino-pretty\//,
      jose: /\/node_modules\/jose\//,
      'zod from node_modules (its locales among them)': /\/node_modules\/zod\//,
      "the query compiler's base64 module": /query_compiler_\w+_bg\.\w+\.wasm-base64/,
    };
    const found = Object.fromEntries(Object.entries(never).map(([what, pattern]) => [what, matching(pattern).slice(0, 3)]));
    expect(found).toEqual(Object.fromEntries(Object.keys(never).map((what) => [what, []])));
  });

  it('runs the young-generation collections once idle when started as `pnpm start` starts it', async () => {
    const server = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const flags = server.scripts.start.split(/\s+/).slice(1, -1);
    expect(flags).toContain('--expose-gc');
    // --trace-gc prints one line per collection; the ones called through the exposed gc() say "testing".
    const forced = (output: string) => output.split('\n').filter((l) => /Scavenge.*testing/.test(l)).length;
    const { output } = await runBuiltServer(dir, [...flags, '--trace-gc'], async (out) => {
      const deadline = Date.now() + 20_000;
      while (forced(out()) < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    });
    expect(forced(output)).toBe(10);
  });
});
