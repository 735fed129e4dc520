// The Redis connection of multi-node mode (REDIS_URL). It reconnects by itself; while Redis is down the
// server keeps running and /readyz answers 503 (commands that need Redis wait in the client's queue).
import { createClient } from 'redis';

export type Redis = ReturnType<typeof createClient>;

export interface RedisLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export function createRedis(url: string, log: RedisLog): Redis {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2_000) },
  });
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) log.warn({ err }, 'redis connection lost; retrying');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({}, 'redis connection restored');
    down = false;
  });
  // Not awaited: a server may start while Redis is down, and recovers when it comes back.
  client.connect().catch((err: unknown) => log.warn({ err }, 'redis is not reachable yet; retrying'));
  return client;
}

/** A second connection for blocking reads (the Socket.IO streams adapter blocks on XREAD). */
export function duplicateRedis(client: Redis, log: RedisLog): Redis {
  const dup = client.duplicate();
  dup.on('error', () => undefined);
  dup.connect().catch((err: unknown) => log.warn({ err }, 'redis (duplicate) is not reachable yet; retrying'));
  return dup;
}
