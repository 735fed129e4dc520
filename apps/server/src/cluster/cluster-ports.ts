// The ports whose state must be shared between nodes: in-process implementations for the embedded default,
// Redis ones when REDIS_URL is set (multi-node mode), plus the Socket.IO Redis Streams adapter.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyBaseLogger } from 'fastify';
import { createLocalBroadcasterRegistry, type BroadcasterRegistry } from '../modules/auction/broadcaster-registry.js';
import { createLocalViewerRegistry, type ViewerRegistry } from '../modules/auction/viewer-registry.js';
import type { DependencyCheck } from '../modules/health/dependency-checks.js';
import { createLocalPresenceRegistry, type PresenceRegistry } from '../modules/presence/presence-registry.js';
import { createLocalRateLimiter, type RateLimiter } from '../realtime/rate-limiter.js';
import type { BidwireServer } from '../realtime/types.js';
import { startJanitor } from './janitor.js';
import { startNodeRegistry } from './node-registry.js';
import { createRedis, duplicateRedis } from './redis-client.js';
import { broadcasterTransition, createRedisBroadcasterRegistry } from './redis-broadcaster-registry.js';
import { createRedisPresenceRegistry } from './redis-presence-registry.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import { redisKeys } from './redis-keys.js';
import { adjustViewer, createRedisViewerRegistry } from './redis-viewer-registry.js';

export interface ClusterPorts {
  mode: 'single-node' | 'redis';
  viewers: ViewerRegistry;
  broadcasters: BroadcasterRegistry;
  presence: PresenceRegistry;
  rateLimiter: RateLimiter;
  checks: DependencyCheck[];
  close(): Promise<void>;
}

export interface ClusterConfig {
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  rateLimits: Record<string, number>;
  presenceGraceMs: number;
}

export function createClusterPorts(config: ClusterConfig, io: BidwireServer, log: FastifyBaseLogger): ClusterPorts {
  if (!config.redisUrl) {
    const presence = createLocalPresenceRegistry(config.presenceGraceMs);
    return {
      mode: 'single-node',
      viewers: createLocalViewerRegistry(),
      broadcasters: createLocalBroadcasterRegistry(),
      presence,
      rateLimiter: createLocalRateLimiter(config.rateLimits),
      checks: [],
      close: async () => presence.close(),
    };
  }

  const keys = redisKeys(config.redisKeyPrefix);
  const redis = createRedis(config.redisUrl, log);
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
    },
    log,
  );
  return {
    mode: 'redis',
    viewers: createRedisViewerRegistry(redis, keys, nodes.nodeId),
    broadcasters: createRedisBroadcasterRegistry(redis, keys, nodes.nodeId),
    presence,
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
