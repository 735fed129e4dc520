// When a socket disconnects, it leaves its auction rooms: viewer counts and broadcaster presence follow;
// when connection state recovery brings it back into them, they count it again.
import type { Db } from '../../db/client.js';
import type { SocketLifecycle } from '../../realtime/handlers.js';
import { auctionIdOfRoom } from '../rooms/room-names.js';
import type { AuctionService } from './auction.service.js';

export function auctionLifecycle(auctions: AuctionService, db: Db): SocketLifecycle {
  return {
    async onDisconnecting(ctx, rooms) {
      for (const room of rooms) {
        const auctionId = auctionIdOfRoom(room);
        if (!auctionId) continue;
        const auction = await db.auction.findUnique({ where: { id: auctionId }, select: { ownerId: true } });
        await auctions.socketLeft(auctionId, auction?.ownerId ?? '', { userId: ctx.user.id, socketId: ctx.socketId });
      }
    },
    async onRecovered(ctx, rooms) {
      for (const room of rooms) {
        const auctionId = auctionIdOfRoom(room);
        if (auctionId) await auctions.socketReturned(auctionId, { userId: ctx.user.id, socketId: ctx.socketId });
      }
    },
  };
}
