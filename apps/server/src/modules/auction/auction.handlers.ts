// Thin handlers of the live-auction commands: contract input + caller context -> service -> ack data.
import type { CommandContext } from '../../realtime/context.js';
import type { PartialHandlers } from '../../realtime/handlers.js';
import { auctionRoom } from '../rooms/room-names.js';
import type { AuctionService, Caller } from './auction.service.js';

type AuctionCommand =
  | 'startAuction' | 'joinAuction' | 'leaveAuction' | 'openLot' | 'placeBid'
  | 'postComment' | 'awardLot' | 'endAuction' | 'cancelAuction' | 'leaveBroadcast';

const callerOf = (ctx: CommandContext): Caller => ({
  userId: ctx.user.id,
  socketId: ctx.socketId,
  isInRoom: (room) => ctx.rooms.has(room),
});

export function auctionHandlers(auctions: AuctionService): PartialHandlers<AuctionCommand> {
  return {
    startAuction: ({ auctionId }, ctx) => auctions.startAuction(auctionId, ctx.user.id),
    joinAuction: ({ auctionId }, ctx) =>
      auctions.joinAuction(auctionId, callerOf(ctx), () => ctx.rooms.join(auctionRoom(auctionId))),
    leaveAuction: ({ auctionId }, ctx) =>
      auctions.leaveAuction(auctionId, callerOf(ctx), () => ctx.rooms.leave(auctionRoom(auctionId))),
    openLot: (input, ctx) => auctions.openLot(input, ctx.user.id),
    placeBid: (input, ctx) => auctions.placeBid(input, callerOf(ctx)),
    postComment: (input, ctx) => auctions.postComment(input, callerOf(ctx)),
    awardLot: ({ auctionId }, ctx) => auctions.awardLot(auctionId, ctx.user.id),
    endAuction: ({ auctionId }, ctx) => auctions.endAuction(auctionId, ctx.user.id),
    cancelAuction: ({ auctionId }, ctx) => auctions.cancelAuction(auctionId, ctx.user.id),
    leaveBroadcast: ({ auctionId }, ctx) => auctions.leaveBroadcast(auctionId, ctx.user.id),
  };
}
