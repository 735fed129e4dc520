// The real server as a separate process (node apps/server/dist/main.js) on a fixed free port, so a test
// can kill it and start it again on the same address with the same SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER_MAIN = path.resolve(here, '../../../server/dist/main.js');
export const WEB_DIST = path.resolve(here, '../../dist/index.html');

export interface ServerProcess {
  url: string;
  serviceKey: string;
  /** Ends the process at once (SIGKILL: no graceful goodbye to the sockets). */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the process and deletes its database. */
  dispose(): Promise<void>;
  /** Everything the process wrote, for failure reports. */
  output(): string;
}

/** `env` adds to or overrides the test environment (e.g. a short ACCESS_TOKEN_TTL_SECONDS). */
export async function startServerProcess(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  for (const file of [SERVER_MAIN, WEB_DIST]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first.`);
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-e2e-'));
  const serviceKey = 'e2e-service-key';
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    OTP_DEV_ECHO: '1',
    SERVICE_API_KEYS: serviceKey,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  let child: ChildProcess | null = null;
  let log = '';
  const url = `http://127.0.0.1:${port}`;

  const start = async () => {
    const proc = spawn(process.execPath, [SERVER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`The server exited with ${proc.exitCode}:\n${log}`);
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The server did not answer /healthz within 30 s:\n${log}`);
  };

  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  await start();
  return {
    url,
    serviceKey,
    kill,
    start,
    output: () => log,
    async dispose() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
