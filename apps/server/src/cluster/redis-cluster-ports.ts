// Multi-node mode (REDIS_URL): the Redis implementations of the shared ports and the Socket.IO Redis Streams
// adapter. cluster-ports.ts imports this file only when REDIS_URL is set.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyBaseLogger } from 'fastify';
import type { BidwireServer } from '../realtime/types.js';
import type { ClusterConfig, ClusterPorts } from './cluster-ports.js';
import { startJanitor } from './janitor.js';
import { startNodeRegistry } from './node-registry.js';
import { createRedis, duplicateRedis } from './redis-client.js';
import { broadcasterTransition, createRedisBroadcasterRegistry } from './redis-broadcaster-registry.js';
import { createRedisPresenceRegistry } from './redis-presence-registry.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import { redisKeys } from './redis-keys.js';
import { adjustViewer, createRedisViewerRegistry } from './redis-viewer-registry.js';
import { adjustGameConnection, createRedisGameConnections } from './redis-game-connections.js';

export function createRedisClusterPorts(
  redisUrl: string,
  config: ClusterConfig,
  io: BidwireServer,
  log: FastifyBaseLogger,
): ClusterPorts {
  const keys = redisKeys(config.redisKeyPrefix);
  const redis = createRedis(redisUrl, log);
  const streams = duplicateRedis(redis, log);
  // The streams adapter (not the Pub/Sub one): it resumes its stream after a Redis outage without losing
  // packets, and it supports Socket.IO's connection state recovery, which we keep on for short drops.
  io.adapter(createAdapter(streams, { streamName: keys.stream, maxLen: 100_000 }));
  const nodes = startNodeRegistry(redis, keys);
  const presence = createRedisPresenceRegistry(redis, keys, nodes.nodeId, config.presenceGraceMs);
  const janitor = startJanitor(
    redis,
    keys,
    nodes,
    {
      v: async ([auctionId, userId]) => void (await adjustViewer(redis, keys, auctionId ?? '', userId ?? '', -1)),
      b: async ([auctionId]) => void (await broadcasterTransition(redis, keys, auctionId ?? '', 'socketLeft')),
      p: async ([userId]) => presence.socketGone(userId ?? '', new Date()),
      g: async ([gameId, userId]) => void (await adjustGameConnection(redis, keys, gameId ?? '', userId ?? '', -1)),
    },
    log,
  );
  return {
    mode: 'redis',
    viewers: createRedisViewerRegistry(redis, keys, nodes.nodeId),
    broadcasters: createRedisBroadcasterRegistry(redis, keys, nodes.nodeId),
    presence,
    gameConnections: createRedisGameConnections(redis, keys, nodes.nodeId),
    rateLimiter: createRedisRateLimiter(redis, keys, config.rateLimits),
    checks: [{ name: 'redis', check: async () => void (await redis.ping()) }],
    async close() {
      janitor.stop();
      presence.close();
      await nodes.close();
      await Promise.allSettled([redis.quit(), streams.quit()]);
    },
  };
}
