// Who may read an auction room's history: auctions are visible to every signed-in user (as over REST), so
// any existing auction may be resynced, even once ended (a client that missed its end must learn it).
import { notFound } from '../../core/errors.js';
import type { RoomAccess } from '../../core/module.js';
import { auctionRoom } from '../../core/rooms.js';
import type { AuctionRepository } from './auction.repository.js';
import type { AudienceService } from './audience.service.js';

export function auctionRoomAccess(repo: AuctionRepository, audience: Pick<AudienceService, 'snapshot'>): RoomAccess {
  return {
    async authorize(caller, id) {
      const room = auctionRoom(id);
      if (caller.isInRoom(room)) return room;
      if (!(await repo.exists(id))) throw notFound('Auction');
      return room;
    },
    // Auctions are public: anyone signed in may watch an existing one (an ended one too, to see how it ended).
    mayEnter: (_user, id) => repo.exists(id),
    snapshot: (caller, id) => audience.snapshot(id, caller.userId),
  };
}
