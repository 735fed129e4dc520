// Which players have a socket in a game's room, however many sockets and on however many nodes: a
// player is connected from their first socket's join until their last socket leaves. A port with an
// in-process implementation; the multi-node mode shares it through Redis (cluster/redis-game-connections.ts).
export interface GameConnections {
  /** Counts a socket of a player in the game room; true when it is the player's first (cluster-wide). */
  add(gameId: string, userId: string, socketId: string): Promise<boolean>;
  /** Uncounts it; true when it was the player's last (cluster-wide). Unknown sockets answer false. */
  remove(gameId: string, userId: string, socketId: string): Promise<boolean>;
  /** The players with at least one socket in the game room. */
  connected(gameId: string): Promise<Set<string>>;
}

export function createLocalGameConnections(): GameConnections {
  const games = new Map<string, Map<string, Set<string>>>();
  return {
    async add(gameId, userId, socketId) {
      const players = games.get(gameId) ?? new Map<string, Set<string>>();
      games.set(gameId, players);
      const sockets = players.get(userId) ?? new Set<string>();
      players.set(userId, sockets);
      const first = sockets.size === 0;
      sockets.add(socketId);
      return first;
    },
    async remove(gameId, userId, socketId) {
      const players = games.get(gameId);
      const sockets = players?.get(userId);
      if (!players || !sockets?.delete(socketId)) return false;
      if (sockets.size > 0) return false;
      players.delete(userId);
      if (players.size === 0) games.delete(gameId);
      return true;
    },
    async connected(gameId) {
      return new Set(games.get(gameId)?.keys() ?? []);
    },
  };
}
