// Starts the built Bidwire server (apps/server/dist) for the package checks: a free port, a fresh
// SQLite file in a temp dir, OTP_DEV_ECHO=1 so sign-in codes come back in the REST answer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fail, info } from './log.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startServer(repoRoot, workDir) {
  const main = path.join(repoRoot, 'apps/server/dist/main.js');
  if (!existsSync(main)) fail(`${main} is missing: run \`pnpm build\` first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${path.join(workDir, 'server', 'bidwire.db')}`,
    OTP_DEV_ECHO: '1',
    LOG_LEVEL: 'warn',
  };
  // One node, in-process adapters: whatever the calling shell has configured does not apply here.
  for (const name of ['REDIS_URL', 'CORS_ORIGINS', 'AUTH_JWKS_URL', 'JWT_SECRET']) delete env[name];
  const child = spawn(process.execPath, [main], { cwd: path.join(repoRoot, 'apps/server'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) fail(`the server exited during start:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      fail(`the server did not answer /healthz within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  info(`server (apps/server/dist) on ${url}, SQLite in ${workDir}/server`);
  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
