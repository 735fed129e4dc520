// resync of an auction room: auctions are visible to every signed-in user (as over REST), so any
// existing auction may be resynced, even once ended (a client that missed its end must learn it).
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { AuctionService } from '../auction/auction.service.js';
import { auctionRoom } from '../rooms/room-names.js';
import type { RoomAccess } from './room-access.js';

export function auctionRoomAccess(db: Db, auctions: Pick<AuctionService, 'snapshot'>): RoomAccess {
  return {
    async authorize(caller, id) {
      const room = auctionRoom(id);
      if (caller.isInRoom(room)) return room;
      if ((await db.auction.count({ where: { id } })) === 0) throw notFound('Auction');
      return room;
    },
    snapshot: (_caller, id) => auctions.snapshot(id),
  };
}
