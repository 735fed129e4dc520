// Who is watching each auction: distinct users, however many sockets each has. The in-process implementation
// is here; cluster/ has the one shared through Redis.
export interface ViewerRegistry {
  /** Adds a socket of a user to the auction; answers the distinct-user count after. */
  add(auctionId: string, userId: string, socketId: string): Promise<number>;
  /** Removes a socket; answers the distinct-user count after. */
  remove(auctionId: string, userId: string, socketId: string): Promise<number>;
  count(auctionId: string): Promise<number>;
}

export function createLocalViewerRegistry(): ViewerRegistry {
  const rooms = new Map<string, Map<string, Set<string>>>();
  const countOf = (auctionId: string) => rooms.get(auctionId)?.size ?? 0;
  return {
    async add(auctionId, userId, socketId) {
      const users = rooms.get(auctionId) ?? new Map<string, Set<string>>();
      rooms.set(auctionId, users);
      const sockets = users.get(userId) ?? new Set<string>();
      users.set(userId, sockets);
      sockets.add(socketId);
      return users.size;
    },
    async remove(auctionId, userId, socketId) {
      const users = rooms.get(auctionId);
      const sockets = users?.get(userId);
      if (users && sockets) {
        sockets.delete(socketId);
        if (sockets.size === 0) users.delete(userId);
        if (users.size === 0) rooms.delete(auctionId);
      }
      return countOf(auctionId);
    },
    async count(auctionId) {
      return countOf(auctionId);
    },
  };
}
