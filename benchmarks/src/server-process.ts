// The Bidwire server as a child process (so its RSS and CPU profile are its own): buildApp(loadConfig(env))
// from the server's sources, listening on 127.0.0.1, plus a few IPC requests for seeding and counting.
//
// BENCH_SERVER_SOURCE (a folder like apps/server/src of another checkout, installed) runs that server instead, under
// this load generator: how a before/after comparison across a change keeps the harness itself out of the difference.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as AppModule from '../../apps/server/src/app.js';
import type * as ConfigModule from '../../apps/server/src/config.js';
import type { FromServer, ToServer } from './protocol.js';

const send = (msg: FromServer) => process.send?.(msg);

async function serverSource(): Promise<{ buildApp: typeof AppModule.buildApp; loadConfig: typeof ConfigModule.loadConfig }> {
  const dir = process.env.BENCH_SERVER_SOURCE;
  if (!dir) {
    const [{ buildApp }, { loadConfig }] = await Promise.all([import('../../apps/server/src/app.js'), import('../../apps/server/src/config.js')]);
    return { buildApp, loadConfig };
  }
  const file = (name: string) => pathToFileURL(path.resolve(dir, name)).href;
  // Cast: another checkout's server has its own types; the child only needs buildApp(loadConfig(env)).
  const app = (await import(file('app.ts'))) as typeof AppModule;
  const config = (await import(file('config.ts'))) as typeof ConfigModule;
  return { buildApp: app.buildApp, loadConfig: config.loadConfig };
}

async function main() {
  const { buildApp, loadConfig } = await serverSource();
  const server = await buildApp(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' }));
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
