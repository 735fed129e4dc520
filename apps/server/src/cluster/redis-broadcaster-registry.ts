// Broadcaster presence across nodes: per auction, Redis counts the owner's sockets in the room on every node
// and keeps the leaveBroadcast flag; transitions are computed atomically in Lua.
import type { BroadcasterRegistry } from '../core/ports/broadcaster-registry.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

// ARGV[1]: 'join' | 'rejoin' (a counted socket joins again) | 'socketLeft' | 'leftBroadcast' | 'read'. Answers 1 when the transition the caller
// reports happened (present again / now gone / was present / is present), else 0.
const TRANSITION = `
local sockets = tonumber(redis.call('HGET', KEYS[1], 'sockets') or '0')
local left = redis.call('HGET', KEYS[1], 'left') == '1'
local was = sockets > 0 and not left
local op = ARGV[1]
if op == 'join' then
  redis.call('HINCRBY', KEYS[1], 'sockets', 1)
  redis.call('HSET', KEYS[1], 'left', '0')
  return was and 0 or 1
elseif op == 'rejoin' then
  redis.call('HSET', KEYS[1], 'left', '0')
  return (was or sockets == 0) and 0 or 1
elseif op == 'socketLeft' then
  if sockets > 0 then sockets = sockets - 1 end
  redis.call('HSET', KEYS[1], 'sockets', sockets)
  local now = sockets > 0 and not left
  if sockets == 0 then redis.call('DEL', KEYS[1]) end
  return (was and not now) and 1 or 0
elseif op == 'leftBroadcast' then
  redis.call('HSET', KEYS[1], 'left', '1')
  return was and 1 or 0
end
return was and 1 or 0`;


export async function broadcasterTransition(redis: Redis, keys: RedisKeys, auctionId: string, op: 'join' | 'rejoin' | 'socketLeft' | 'leftBroadcast' | 'read') {
  return Number(await redis.eval(TRANSITION, { keys: [keys.broadcaster(auctionId)], arguments: [op] })) === 1;
}

export function createRedisBroadcasterRegistry(redis: Redis, keys: RedisKeys, nodeId: string): BroadcasterRegistry {
  const mine = new Set<string>();
  const contribution = (auctionId: string, socketId: string) => `b|${auctionId}|${socketId}`;
  return {
    async ownerJoined(auctionId, socketId) {
      const key = `${auctionId}|${socketId}`;
      if (mine.has(key)) return broadcasterTransition(redis, keys, auctionId, 'rejoin');
      mine.add(key);
      await redis.sAdd(keys.contributions(nodeId), contribution(auctionId, socketId));
      return broadcasterTransition(redis, keys, auctionId, 'join');
    },
    async ownerSocketLeft(auctionId, socketId) {
      if (!mine.delete(`${auctionId}|${socketId}`)) return false;
      await redis.sRem(keys.contributions(nodeId), contribution(auctionId, socketId));
      return broadcasterTransition(redis, keys, auctionId, 'socketLeft');
    },
    ownerLeftBroadcast: (auctionId) => broadcasterTransition(redis, keys, auctionId, 'leftBroadcast'),
    isPresent: (auctionId) => broadcasterTransition(redis, keys, auctionId, 'read'),
  };
}
