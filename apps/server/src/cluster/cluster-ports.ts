// The ports whose state must be shared between nodes: in-process implementations for the embedded default,
// Redis ones when REDIS_URL is set (multi-node mode, redis-cluster-ports.ts), plus the Socket.IO Redis Streams
// adapter.
import type { FastifyBaseLogger } from 'fastify';
import { createLocalBroadcasterRegistry, type BroadcasterRegistry } from '../core/ports/broadcaster-registry.js';
import { createLocalViewerRegistry, type ViewerRegistry } from '../core/ports/viewer-registry.js';
import type { DependencyCheck } from '../core/ports/dependency-checks.js';
import { createLocalPresenceRegistry, type PresenceRegistry } from '../core/ports/presence-registry.js';
import { createLocalRateLimiter, type RateLimiter } from '../core/ports/rate-limiter.js';
import { createLocalGameConnections, type GameConnections } from '../core/ports/game-connections.js';
import type { BidwireServer } from '../realtime/types.js';

export interface ClusterPorts {
  mode: 'single-node' | 'redis';
  viewers: ViewerRegistry;
  broadcasters: BroadcasterRegistry;
  presence: PresenceRegistry;
  gameConnections: GameConnections;
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

export async function createClusterPorts(config: ClusterConfig, io: BidwireServer, log: FastifyBaseLogger): Promise<ClusterPorts> {
  if (!config.redisUrl) {
    const presence = createLocalPresenceRegistry(config.presenceGraceMs);
    return {
      mode: 'single-node',
      viewers: createLocalViewerRegistry(),
      broadcasters: createLocalBroadcasterRegistry(),
      presence,
      gameConnections: createLocalGameConnections(),
      rateLimiter: createLocalRateLimiter(config.rateLimits),
      checks: [],
      close: async () => presence.close(),
    };
  }

  // Imported only in multi-node mode: the Redis clients and the adapter are never loaded without REDIS_URL.
  const { createRedisClusterPorts } = await import('./redis-cluster-ports.js');
  return createRedisClusterPorts(config.redisUrl, config, io, log);
}
