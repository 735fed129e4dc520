// Whether an auction's owner is broadcasting: present while the owner has a socket in the room and
// has not sent leaveBroadcast since joining. The in-process implementation is here; cluster/ has the Redis one.
export interface BroadcasterRegistry {
  /** The owner's socket joined the room; true when this makes the broadcaster present again. */
  ownerJoined(auctionId: string, socketId: string): Promise<boolean>;
  /** The owner's socket left the room or disconnected; true when the broadcaster is now gone. */
  ownerSocketLeft(auctionId: string, socketId: string): Promise<boolean>;
  /** The owner sent leaveBroadcast; true when the broadcaster was present until now. */
  ownerLeftBroadcast(auctionId: string): Promise<boolean>;
  isPresent(auctionId: string): Promise<boolean>;
}

export function createLocalBroadcasterRegistry(): BroadcasterRegistry {
  const state = new Map<string, { sockets: Set<string>; left: boolean }>();
  const present = (auctionId: string) => {
    const s = state.get(auctionId);
    return !!s && s.sockets.size > 0 && !s.left;
  };
  return {
    async ownerJoined(auctionId, socketId) {
      const was = present(auctionId);
      const s = state.get(auctionId) ?? { sockets: new Set<string>(), left: false };
      s.sockets.add(socketId);
      s.left = false;
      state.set(auctionId, s);
      return !was;
    },
    async ownerSocketLeft(auctionId, socketId) {
      const was = present(auctionId);
      const s = state.get(auctionId);
      if (!s) return false;
      s.sockets.delete(socketId);
      if (s.sockets.size === 0) state.delete(auctionId);
      return was && !present(auctionId);
    },
    async ownerLeftBroadcast(auctionId) {
      const was = present(auctionId);
      const s = state.get(auctionId);
      if (s) s.left = true;
      return was;
    },
    async isPresent(auctionId) {
      return present(auctionId);
    },
  };
}
