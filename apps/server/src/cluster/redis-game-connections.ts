// Game connections across nodes: Redis keeps, per game, how many nodes hold a socket of each player (a
// HASH player → node count), so a player with sockets on two nodes stays connected until the last one
// leaves. Each node counts its own sockets locally and records its contributions, so the janitor can roll
// back a crashed node's players (the game module then finds them disconnected).
import type { GameConnections } from '../core/ports/game-connections.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

/** HINCRBY by ±1, drop the field at 0; answers the player's node count after. */
const ADJUST = `
local v = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if v <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return v`;

export async function adjustGameConnection(redis: Redis, keys: RedisKeys, gameId: string, userId: string, delta: 1 | -1): Promise<number> {
  return Number(await redis.eval(ADJUST, { keys: [keys.gameConnections(gameId)], arguments: [userId, String(delta)] }));
}

export function createRedisGameConnections(redis: Redis, keys: RedisKeys, nodeId: string): GameConnections {
  const local = new Map<string, Map<string, Set<string>>>();
  const contribution = (gameId: string, userId: string) => `g|${gameId}|${userId}`;
  return {
    async add(gameId, userId, socketId) {
      const players = local.get(gameId) ?? new Map<string, Set<string>>();
      local.set(gameId, players);
      const sockets = players.get(userId) ?? new Set<string>();
      players.set(userId, sockets);
      const firstHere = sockets.size === 0;
      sockets.add(socketId);
      if (!firstHere) return false;
      await redis.sAdd(keys.contributions(nodeId), contribution(gameId, userId));
      return (await adjustGameConnection(redis, keys, gameId, userId, 1)) === 1;
    },
    async remove(gameId, userId, socketId) {
      const players = local.get(gameId);
      const sockets = players?.get(userId);
      if (!players || !sockets?.delete(socketId) || sockets.size > 0) return false;
      players.delete(userId);
      if (players.size === 0) local.delete(gameId);
      await redis.sRem(keys.contributions(nodeId), contribution(gameId, userId));
      return (await adjustGameConnection(redis, keys, gameId, userId, -1)) <= 0;
    },
    async connected(gameId) {
      return new Set(await redis.hKeys(keys.gameConnections(gameId)));
    },
  };
}
