// Rolls back what a crashed node contributed to shared state (viewers, broadcaster sockets, presence):
// every node looks for dead nodes now and then; one of them (a Redis lock) undoes each dead node's entries.
import type { NodeRegistry } from './node-registry.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

/** Undoes one contribution entry, e.g. `v|<auctionId>|<userId>`; keyed by the entry's prefix. */
export type ContributionUndo = Record<string, (parts: string[]) => Promise<void>>;

export function startJanitor(redis: Redis, keys: RedisKeys, nodes: NodeRegistry, undo: ContributionUndo, log: { warn(o: object, m: string): void }, everyMs = 10_000) {
  const sweep = async () => {
    for (const dead of await nodes.deadNodes()) {
      const locked = await redis.set(keys.janitor(dead), nodes.nodeId, { NX: true, PX: 30_000 });
      if (locked !== 'OK') continue;
      for (const entry of await redis.sMembers(keys.contributions(dead))) {
        const [kind, ...parts] = entry.split('|');
        await undo[kind ?? '']?.(parts);
      }
      await redis.del(keys.contributions(dead));
      await nodes.forget(dead);
    }
  };
  const timer = setInterval(() => sweep().catch((err: unknown) => log.warn({ err }, 'cluster janitor sweep failed')), everyMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
