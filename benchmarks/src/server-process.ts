// The Bidwire server as a child process (so its RSS and CPU profile are its own): buildApp(loadConfig(env))
// from the server's sources, listening on 127.0.0.1, plus a few IPC requests for seeding and counting.
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import type { FromServer, ToServer } from './protocol.js';

const send = (msg: FromServer) => process.send?.(msg);

async function main() {
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
        send({ type: 'reply', id: msg.id, value: await server.db.bid.count({ where: { lotId: msg.lotId } }) });
      } else if (msg.type === 'gc') {
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'reply', id: msg.id, value: process.memoryUsage().rss });
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
