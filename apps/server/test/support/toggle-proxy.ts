// A TCP proxy in front of a dependency (PostgreSQL, Redis) that a test can switch off and on, to play
// "the database is down" without touching the real service. Closed when the test ends.
import net from 'node:net';
import { onTestFinished } from 'vitest';
import { freePort } from './server-process.js';

export async function toggleProxy(targetPort: number, { up = true } = {}) {
  let enabled = up;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!enabled) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => {
    for (const s of open) s.destroy();
    server.close(() => resolve());
  });
  onTestFinished(close);
  return {
    port,
    up() {
      enabled = true;
    },
    down() {
      enabled = false;
      for (const s of open) s.destroy();
      open.clear();
    },
  };
}
