// Idle RSS after start: a server started on a fresh database (Bidwire) or bare, given no traffic at all; its
// VmRSS read from /proc after it idled. Both run as they would in production, not through tsx (whose loader
// adds tens of MB to any process): Bidwire from its build (`node <flags> apps/server/dist/main.js`, what `pnpm
// start` runs, with its flags; `pnpm build` first) and the bare server as plain JavaScript with the baseline's Socket.IO options.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssBytes } from '../children.js';
import { serverNodeFlags } from '../server-flags.js';
import { bidwireEnv, type TargetKind } from './target.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverDist = path.resolve(benchDir, '..', 'apps', 'server', 'dist', 'main.js');

/**
 * Two readings after the server listens: at 5 s start-up work (migrations, the first sweeps) is over; by 20 s V8's
 * memory reducer has run and given back the young generation the start-up grew (~20 MiB for Bidwire). When
 * (`--trace-gc-verbose`, README "Start-up heap"): the reducer looks 8 s after the start-up's major GC (~0.5 s after
 * the process starts) and runs if it finds the allocation rates low; Bidwire's start-up-heap.ts makes that so at
 * the first look (~6.5 s after listening), where before it waited until 16-25 s and sometimes past 20. The 5 s
 * reading is before that look. The target is checked on the second reading.
 */
const EARLY_MS = 5_000;
const SETTLED_MS = 20_000;

export interface IdleRss {
  earlyBytes: number;
  settledBytes: number;
}
const READY = 'ready';

// baseline-server.ts's server without its handlers (they allocate nothing until a client connects).
const BARE = `import { createServer } from 'node:http';
import { Server } from 'socket.io';
const http = createServer();
new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
http.listen(0, '127.0.0.1', () => console.log('${READY}'));`;

export async function idleRssAfterStart(kind: TargetKind): Promise<IdleRss> {
  if (kind === 'bidwire' && !existsSync(serverDist)) throw new Error(`${serverDist} is missing: run \`pnpm build\` first`);
  const dir = kind === 'bidwire' ? mkdtempSync(path.join(tmpdir(), 'bidwire-idle-')) : undefined;
  const args = dir ? [...serverNodeFlags(), serverDist] : ['--input-type=module', '-e', BARE];
  const env = dir
    ? { ...process.env, ...bidwireEnv(`file:${path.join(dir, 'idle.db')}`), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json' }
    : process.env;
  const child = spawn(process.execPath, args, { cwd: benchDir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server did not start in time`)), 60_000);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // Bidwire logs its start line ("Bidwire is listening on ...") once it listens.
        if (out.includes(dir ? 'is listening on' : READY)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${kind} server exited with code ${code} before it was ready`));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, EARLY_MS));
    const earlyBytes = rssBytes(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS - EARLY_MS));
    return { earlyBytes, settledBytes: rssBytes(child.pid!) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
