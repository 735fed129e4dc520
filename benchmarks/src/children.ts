// Starting and talking to the child processes: servers (Bidwire or the baseline) and load workers, run as plain
// JavaScript bundled from this package's sources (child-build.ts). RSS is read from /proc/<pid>/status, outside
// the child.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChildren, type ChildEntry } from './child-build.js';
import type { FromServer, FromWorker, Job, ServerRequest, ToServer, ToWorker } from './protocol.js';
import { serverNodeFlags } from './server-flags.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = await buildChildren();

/**
 * A child with node's own flags only; `--import tsx` is added when BENCH_SERVER_SOURCE points Bidwire's child at
 * another checkout's TypeScript sources (server-process.ts then imports app.ts).
 */
function forkChild(entry: ChildEntry, env: NodeJS.ProcessEnv, extraArgv: string[] = []): ChildProcess {
  const source = entry === 'server-process' ? env.BENCH_SERVER_SOURCE : undefined;
  const sources = source !== undefined && !existsSync(path.join(source, 'app.js')) && existsSync(path.join(source, 'app.ts'));
  return fork(children[entry], [], {
    cwd: packageDir,
    env,
    execArgv: [...(sources ? ['--import', 'tsx'] : []), ...extraArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

/** Each of settledRss's idle waits: V8's allocation-rate window (5 s) and a margin. */
const IDLE_BEFORE_GC_MS = 6_000;

export interface ServerHandle {
  pid: number;
  url: string;
  request(msg: ServerRequest, timeoutMs?: number): Promise<unknown>;
  rss(): number;
  /** Full GCs in the child after it idled (~13 s), then its RSS read from /proc. */
  settledRss(): Promise<number>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  kind: 'bidwire' | 'baseline';
  env?: Record<string, string>;
  cpuProfDir?: string;
  startTimeoutMs?: number;
}

export async function startServer(opts: ServerOptions): Promise<ServerHandle> {
  const entry: ChildEntry = opts.kind === 'bidwire' ? 'server-process' : 'baseline-server';
  // Bidwire with production's node flags (server-flags.ts); the bare server with node's defaults.
  const production = opts.kind === 'bidwire' ? serverNodeFlags() : [];
  const argv = ['--expose-gc', ...production, ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
  const child = forkChild(entry, { ...process.env, ...opts.env }, argv);
  const pid = child.pid!;
  let nextId = 1;
  const pending = new Map<number, (v: unknown) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.kind} server did not start in time`)), opts.startTimeoutMs ?? 60_000);
    child.on('message', (msg: FromServer) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg.port);
      } else if (msg.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(msg.message));
      } else if (msg.type === 'reply') {
        pending.get(msg.id)?.(msg.value);
        pending.delete(msg.id);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.kind} server exited with code ${code} before it was ready`));
    });
  });

  const handle: ServerHandle = {
    pid,
    url: `http://127.0.0.1:${port}`,
    request(msg, timeoutMs = 60_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server request ${msg.type} timed out`)), timeoutMs);
        pending.set(id, (v) => {
          clearTimeout(timer);
          resolve(v);
        });
        child.send({ ...msg, id } as ToServer);
      });
    },
    rss: () => rssBytes(pid),
    async settledRss() {
      // A GC gives back the young generation's grown capacity only when V8 sees a low allocation rate since the
      // previous GC (its window: ~5 s). Two idle waits, each closed by a GC: the first window may still hold what
      // grew it (start-up, or the connections just made and the viewer counts they caused); the second is quiet.
      // With a single GC and no wait, the young generation (32 MB) was in the reading or not depending on when
      // V8's memory reducer ran: per-connection RSS read 15.5 or 34.1 KB on the same build (2026-12-03).
      for (let i = 0; i < 2; i++) {
        await handle.request({ type: 'gc' });
        await new Promise((r) => setTimeout(r, IDLE_BEFORE_GC_MS));
      }
      for (let i = 0; i < 3; i++) {
        await handle.request({ type: 'gc' });
        await new Promise((r) => setTimeout(r, 400));
      }
      return rssBytes(pid);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' } satisfies ToServer);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return handle;
}

export interface WorkerHandle<R> {
  ready: Promise<Extract<FromWorker, { type: 'ready' }>>;
  /** Bidders: resolves once every bid has been acked. */
  done: Promise<void>;
  go(): void;
  count(): Promise<number>;
  /** Stops the worker and answers its result; `emits` ([amount, emit time]) go to a viewers worker (`delivery`). */
  stop(emits?: [number, number][]): Promise<R>;
}

export function startWorker<R>(job: Job): WorkerHandle<R> {
  const child = forkChild('load-worker', process.env);
  let onCount: ((n: number) => void) | undefined;
  let failure: Error | undefined;
  let readyResolve!: (m: Extract<FromWorker, { type: 'ready' }>) => void;
  let readyReject!: (e: Error) => void;
  let doneResolve!: () => void;
  let resultResolve!: (r: R) => void;
  let resultReject!: (e: Error) => void;
  const ready = new Promise<Extract<FromWorker, { type: 'ready' }>>((res, rej) => ((readyResolve = res), (readyReject = rej)));
  const done = new Promise<void>((res) => (doneResolve = res));
  const result = new Promise<R>((res, rej) => ((resultResolve = res), (resultReject = rej)));
  // Avoid unhandled rejections for promises the caller never awaits.
  ready.catch(() => {});
  result.catch(() => {});
  const fail = (error: Error) => {
    failure = error;
    readyReject(error);
    resultReject(error);
    doneResolve();
  };

  child.on('message', (msg: FromWorker) => {
    if (msg.type === 'ready') readyResolve(msg);
    else if (msg.type === 'done') doneResolve();
    else if (msg.type === 'count') onCount?.(msg.received);
    else if (msg.type === 'result') resultResolve(msg.result as R);
    else if (msg.type === 'error') fail(new Error(`load worker failed: ${msg.message}`));
  });
  child.once('exit', (code) => fail(failure ?? new Error(`load worker exited (code ${code})`)));
  child.send({ type: 'job', job } satisfies ToWorker);

  const send = (msg: ToWorker) => {
    if (child.connected) child.send(msg);
  };
  return {
    ready,
    done,
    go: () => send({ type: 'go' }),
    count: () =>
      new Promise<number>((resolve) => {
        onCount = resolve;
        send({ type: 'count' });
      }),
    async stop(emits?: [number, number][]) {
      send(emits ? { type: 'stop', emits } : { type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        return await result;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
