// Each node announces itself in Redis with a key that expires unless refreshed, so state a crashed node
// contributed (viewers, broadcasters, presence) can be found and rolled back by the survivors.
import { randomUUID } from 'node:crypto';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

export const NODE_TTL_MS = 15_000;
const HEARTBEAT_MS = 5_000;

export interface NodeRegistry {
  readonly nodeId: string;
  /** Ids of nodes that announced themselves but stopped refreshing (crashed). */
  deadNodes(): Promise<string[]>;
  forget(nodeId: string): Promise<void>;
  close(): Promise<void>;
}

export function startNodeRegistry(redis: Redis, keys: RedisKeys, nodeId: string = randomUUID()): NodeRegistry {
  const beat = () =>
    Promise.all([redis.set(keys.node(nodeId), '1', { PX: NODE_TTL_MS }), redis.sAdd(keys.nodes, nodeId)]).catch(() => undefined);
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref();
  return {
    nodeId,
    async deadNodes() {
      const nodes = await redis.sMembers(keys.nodes);
      const alive = nodes.length ? await redis.mGet(nodes.map((n) => keys.node(n))) : [];
      return nodes.filter((n, i) => n !== nodeId && alive[i] === null);
    },
    async forget(id) {
      await redis.sRem(keys.nodes, id);
    },
    async close() {
      clearInterval(timer);
      // Stays in the node set: to the others it now looks dead, so the janitor rolls back what it left.
      await redis.del(keys.node(nodeId)).catch(() => undefined);
    },
  };
}
