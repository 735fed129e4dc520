// Every Redis key and the Socket.IO stream of one Bidwire deployment, under one prefix (REDIS_KEY_PREFIX),
// so several deployments (or test clusters) can share a Redis server without seeing each other.
export function redisKeys(prefix: string) {
  return {
    stream: `${prefix}:socket.io`,
    node: (nodeId: string) => `${prefix}:node:${nodeId}`,
    nodes: `${prefix}:nodes`,
    janitor: (nodeId: string) => `${prefix}:janitor:${nodeId}`,
    contributions: (nodeId: string) => `${prefix}:contrib:${nodeId}`,
    viewers: (auctionId: string) => `${prefix}:viewers:${auctionId}`,
    gameConnections: (gameId: string) => `${prefix}:game-conn:${gameId}`,
    broadcaster: (auctionId: string) => `${prefix}:bc:${auctionId}`,
    presence: (userId: string) => `${prefix}:presence:${userId}`,
    rateLimit: (userId: string, command: string) => `${prefix}:rl:${userId}:${command}`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;
