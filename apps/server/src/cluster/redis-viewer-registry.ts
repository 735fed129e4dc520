// Viewer counts across nodes: Redis keeps, per auction, how many nodes hold a socket of each user
// (a HASH user → node count), so two tabs on two nodes are one viewer. Each node remembers its own
// contributions in a set, so a crashed node's viewers are rolled back by the janitor.
import type { ViewerRegistry } from '../core/ports/viewer-registry.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

/** HINCRBY by ±1, drop the field at 0, answer the distinct-user count. */
const ADJUST = `
local v = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if v <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return redis.call('HLEN', KEYS[1])`;


export async function adjustViewer(redis: Redis, keys: RedisKeys, auctionId: string, userId: string, delta: 1 | -1): Promise<number> {
  return Number(await redis.eval(ADJUST, { keys: [keys.viewers(auctionId)], arguments: [userId, String(delta)] }));
}

export function createRedisViewerRegistry(redis: Redis, keys: RedisKeys, nodeId: string): ViewerRegistry {
  const local = new Map<string, Map<string, Set<string>>>();
  const contribution = (auctionId: string, userId: string) => `v|${auctionId}|${userId}`;
  return {
    async add(auctionId, userId, socketId) {
      const users = local.get(auctionId) ?? new Map<string, Set<string>>();
      local.set(auctionId, users);
      const sockets = users.get(userId) ?? new Set<string>();
      users.set(userId, sockets);
      const first = sockets.size === 0;
      sockets.add(socketId);
      if (!first) return Number(await redis.hLen(keys.viewers(auctionId)));
      await redis.sAdd(keys.contributions(nodeId), contribution(auctionId, userId));
      return adjustViewer(redis, keys, auctionId, userId, 1);
    },
    async remove(auctionId, userId, socketId) {
      const users = local.get(auctionId);
      const sockets = users?.get(userId);
      if (!users || !sockets?.delete(socketId)) return Number(await redis.hLen(keys.viewers(auctionId)));
      if (sockets.size > 0) return Number(await redis.hLen(keys.viewers(auctionId)));
      users.delete(userId);
      if (users.size === 0) local.delete(auctionId);
      await redis.sRem(keys.contributions(nodeId), contribution(auctionId, userId));
      return adjustViewer(redis, keys, auctionId, userId, -1);
    },
    async count(auctionId) {
      return Number(await redis.hLen(keys.viewers(auctionId)));
    },
  };
}
