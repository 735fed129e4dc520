// Presence across nodes: Redis counts each user's sockets on every node and holds the grace deadline;
// the node where the last socket left keeps the grace timer, and Lua decides atomically who goes offline.
import type { PresenceRegistry } from '../core/ports/presence-registry.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';


// connect: sockets+1, clear grace; answers 1 when the user was neither connected nor in grace.
const CONNECT = `
local s = tonumber(redis.call('HGET', KEYS[1], 'sockets') or '0')
local g = redis.call('HGET', KEYS[1], 'grace')
redis.call('HINCRBY', KEYS[1], 'sockets', 1)
redis.call('HDEL', KEYS[1], 'grace')
if s == 0 and not g then return 1 end
return 0`;
// disconnect: sockets-1; at 0 sets the grace deadline ARGV[1] (token) and answers 1.
const DISCONNECT = `
local s = tonumber(redis.call('HGET', KEYS[1], 'sockets') or '0') - 1
if s < 0 then s = 0 end
redis.call('HSET', KEYS[1], 'sockets', s)
if s == 0 then redis.call('HSET', KEYS[1], 'grace', ARGV[1]) return 1 end
return 0`;
// expire: offline only if no socket came back and the grace token is still ours.
const EXPIRE = `
local s = tonumber(redis.call('HGET', KEYS[1], 'sockets') or '0')
if s == 0 and redis.call('HGET', KEYS[1], 'grace') == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

export interface RedisPresenceRegistry extends PresenceRegistry {
  /** A socket is gone without this node having seen it leave (the janitor, for a crashed node's sockets). */
  socketGone(userId: string, at: Date): Promise<void>;
}

export function createRedisPresenceRegistry(redis: Redis, keys: RedisKeys, nodeId: string, graceMs: number): RedisPresenceRegistry {
  const key = keys.presence;
  const listeners: ((userId: string, lastSeenAt: Date) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const contribution = (userId: string, socketId: string) => `p|${userId}|${socketId}`;

  const startGrace = (userId: string, at: Date) => {
    const token = `${nodeId}:${at.getTime()}:${Math.random().toString(36).slice(2)}`;
    return {
      token,
      arm: () => {
        // Sockets disconnected by our own shutdown leave their grace to the janitor of a surviving node.
        if (closed) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          void redis.eval(EXPIRE, { keys: [key(userId)], arguments: [token] }).then((r) => {
            if (Number(r) === 1) for (const l of listeners) l(userId, at);
          }, () => undefined);
        }, graceMs);
        timer.unref();
        timers.add(timer);
      },
    };
  };

  const registry: RedisPresenceRegistry = {
    async socketConnected(userId, socketId) {
      await redis.sAdd(keys.contributions(nodeId), contribution(userId, socketId));
      return Number(await redis.eval(CONNECT, { keys: [key(userId)], arguments: [] })) === 1;
    },
    async socketDisconnected(userId, socketId, at) {
      const removed = await redis.sRem(keys.contributions(nodeId), contribution(userId, socketId));
      if (Number(removed) === 0) return;
      await registry.socketGone(userId, at);
    },
    /** Also used by the janitor for sockets of a crashed node. */
    async socketGone(userId, at) {
      const grace = startGrace(userId, at);
      if (Number(await redis.eval(DISCONNECT, { keys: [key(userId)], arguments: [grace.token] })) === 1) grace.arm();
    },
    async online(userIds) {
      if (userIds.length === 0) return new Set();
      const rows = await Promise.all(userIds.map((id) => redis.hmGet(key(id), ['sockets', 'grace'])));
      return new Set(userIds.filter((_, i) => Number(rows[i]?.[0] ?? 0) > 0 || rows[i]?.[1] != null));
    },
    onOffline(listener) {
      listeners.push(listener);
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
  return registry;
}
