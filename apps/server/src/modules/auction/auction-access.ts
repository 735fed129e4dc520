// Loading an auction for a command or route: NOT_FOUND when it does not exist, FORBIDDEN for a non-owner.
import { notFound } from '../../core/errors.js';
import { assertOwner } from './auction.domain.js';
import type { AuctionRepository } from './auction.repository.js';

export function auctionLoader(repo: AuctionRepository) {
  const load = async (id: string) => {
    const auction = await repo.findAuction(id);
    if (!auction) throw notFound('Auction');
    return auction;
  };
  return {
    load,
    async loadOwned(id: string, userId: string) {
      const auction = await load(id);
      assertOwner(auction, userId);
      return auction;
    },
  };
}
export type AuctionLoader = ReturnType<typeof auctionLoader>;

/** The caller as the auction services need it: who, and which rooms their socket is in. */
export interface Caller {
  userId: string;
  socketId: string;
  isInRoom(room: string): boolean;
}
