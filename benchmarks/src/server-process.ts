// The Bidwire server as a child process (so its RSS and CPU profile are its own): buildApp(loadConfig(env))
// from the server's build (apps/server/dist: app.js and config.js of the same tsup build as main.js, which
// `pnpm start` runs), listening on 127.0.0.1, plus a few IPC requests for seeding and counting. The build, not the
// sources through tsx: tsx compiles with esbuild's keepNames, which defines `name` on every function the code
// creates — a property store on each closure, so per-connection memory and per-command CPU that production
// does not pay (`pnpm bench` builds first).
//
// BENCH_SERVER_SOURCE (a folder like apps/server/dist or apps/server/src of another checkout, installed) runs that
// server instead, under this load generator: how a before/after comparison across a change keeps the harness
// itself out of the difference. A dist folder runs the build (app.js); a src folder runs the sources (app.ts,
// through tsx: compare such a run only with another src run).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as AppModule from '../../apps/server/src/app.js';
import type * as ConfigModule from '../../apps/server/src/config.js';
import type { FromServer, ToServer } from './protocol.js';

const send = (msg: FromServer) => process.send?.(msg);

const BUILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'server', 'dist');

async function serverSource(): Promise<{ buildApp: typeof AppModule.buildApp; loadConfig: typeof ConfigModule.loadConfig }> {
  const dir = path.resolve(process.env.BENCH_SERVER_SOURCE ?? BUILD);
  const ext = existsSync(path.join(dir, 'app.js')) ? 'js' : existsSync(path.join(dir, 'app.ts')) ? 'ts' : undefined;
  if (!ext) {
    throw new Error(
      process.env.BENCH_SERVER_SOURCE
        ? `BENCH_SERVER_SOURCE=${dir} holds neither app.js (a build) nor app.ts (sources)`
        : `${path.join(dir, 'app.js')} is missing: run \`pnpm build\` first (the benchmark runs the server's build)`,
    );
  }
  const file = (name: string) => pathToFileURL(path.join(dir, `${name}.${ext}`)).href;
  // Cast: the build (or another checkout's server) has no types here; the child only needs buildApp(loadConfig(env)).
  const app = (await import(file('app'))) as typeof AppModule;
  const config = (await import(file('config'))) as typeof ConfigModule;
  return { buildApp: app.buildApp, loadConfig: config.loadConfig };
}

async function main() {
  const { buildApp, loadConfig } = await serverSource();
  // As main.ts (`pnpm start`) builds it: a pending migration runs in a child process, so the server measured
  // never holds the schema engine. (A checkout from before that option ignores it.)
  const server = await buildApp(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' }), { migrationEngineIn: 'child-process' });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP port');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0); // a normal exit, so --cpu-prof writes its profile
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());

  process.on('message', async (msg: ToServer) => {
    try {
      if (msg.type === 'stop') return void (await stop());
      if (msg.type === 'createUsers') {
        // Bidders must exist (bids reference users); chunks keep each statement's parameter count small.
        for (let i = 0; i < msg.users.length; i += 200) {
          await server.db.user.createMany({ data: msg.users.slice(i, i + 200) });
        }
        send({ type: 'reply', id: msg.id, value: msg.users.length });
      } else if (msg.type === 'countBids') {
        const where = msg.auto === undefined ? { lotId: msg.lotId } : { lotId: msg.lotId, auto: msg.auto };
        send({ type: 'reply', id: msg.id, value: await server.db.bid.count({ where }) });
      } else if (msg.type === 'gc') {
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'reply', id: msg.id, value: process.memoryUsage().rss });
      } else if (msg.type === 'heap') {
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'reply', id: msg.id, value: process.memoryUsage().heapUsed });
      }
    } catch (error) {
      if (msg.type !== 'stop') send({ type: 'reply', id: msg.id, value: { error: String(error) } });
    }
  });
  send({ type: 'ready', port: address.port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  setTimeout(() => process.exit(1), 100);
});
