// Runs the real server as a child process (from source, through tsx) on a fixed port and database,
// so a test can SIGKILL or SIGTERM it mid-flight and start it again on the same state. Always stop() it.
import { createRestClient } from '@bidwire/sdk';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { phoneNumbers } from './phones.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverRoot = path.resolve(here, '../..');

export interface ServerProcess {
  url: string;
  /** SIGKILL: no graceful close, like a crash or a pulled plug. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. Resolves once the process is gone: its exit code and how long it took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  /** Kills it if it runs (for afterEach/finally). */
  stop(): Promise<void>;
  /** What the process wrote, for failure messages. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function serverProcess(opts: { databaseUrl: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r()));

  async function start() {
    if (child) throw new Error('the server process is already running');
    const c = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: opts.databaseUrl,
        OTP_DEV_ECHO: '1',
        // Many sign-ins from one address (test/multi-node/rest-limits.test.ts checks the limit across nodes).
        REST_AUTH_RATE_LIMIT: '100000/minute',
        LOG_LEVEL: 'warn',
        TSX_TSCONFIG_PATH: path.join(here, 'tsconfig.server-process.json'),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    c.once('exit', () => {
      if (child === c) child = undefined;
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child !== c) throw new Error(`the server process exited during start:\n${log}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        c.kill('SIGKILL');
        throw new Error(`the server process did not answer /healthz within 30 s:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function kill() {
    const c = child;
    if (!c) return;
    c.kill('SIGKILL');
    await exited(c);
    child = undefined;
  }

  async function terminate() {
    const c = child;
    if (!c) throw new Error('the server process is not running');
    const sent = Date.now();
    const gone = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    c.kill('SIGTERM');
    const code = await gone;
    return { code, ms: Date.now() - sent };
  }

  await start();
  return { url, start, kill, terminate, stop: kill, output: () => log };
}

const phonesByPrefix: Record<string, () => string> = {};

/**
 * Signs a new user in over REST against a server process (its dev echo gives the code); `prefix` keeps each test
 * file's phone numbers apart.
 */
export async function signInOverRest(url: string, name: string, prefix: string) {
  const rest = createRestClient({ baseUrl: url });
  const number = (phonesByPrefix[prefix] ??= phoneNumbers(prefix))();
  const { devCode } = await rest.requestOtp({ body: { phone: number } });
  const pair = await rest.verifyOtp({ body: { phone: number, code: devCode!, name } });
  return { ...pair, rest: createRestClient({ baseUrl: url, token: pair.accessToken }) };
}
