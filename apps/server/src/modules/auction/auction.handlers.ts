// Thin handlers of the live-auction commands: contract input + caller context -> service -> ack data.
import type { domains } from '@bidwire/contract';
import type { CommandContext } from '../../core/context.js';
import type { ModuleCommands } from '../../core/module.js';
import { auctionRoom } from '../../core/rooms.js';
import type { Caller } from './auction-access.js';
import type { AuctionsService } from './auctions.service.js';
import type { AudienceService } from './audience.service.js';
import type { CommentsService } from './comments.service.js';
import type { LotsService } from './lots.service.js';

const callerOf = (ctx: CommandContext): Caller => ({
  userId: ctx.user.id,
  socketId: ctx.socketId,
  isInRoom: (room) => ctx.rooms.has(room),
});

export function auctionHandlers(s: {
  auctions: AuctionsService;
  audience: AudienceService;
  lots: LotsService;
  comments: CommentsService;
}): ModuleCommands<typeof domains.auction> {
  return {
    startAuction: ({ auctionId }, ctx) => s.auctions.start(auctionId, ctx.user.id),
    joinAuction: ({ auctionId }, ctx) => s.audience.join(auctionId, callerOf(ctx), () => ctx.rooms.join(auctionRoom(auctionId))),
    leaveAuction: ({ auctionId }, ctx) => s.audience.leave(auctionId, callerOf(ctx), () => ctx.rooms.leave(auctionRoom(auctionId))),
    openLot: (input, ctx) => s.lots.openLot(input, ctx.user.id),
    placeBid: (input, ctx) => s.lots.placeBid(input, callerOf(ctx)),
    postComment: (input, ctx) => s.comments.postComment(input, callerOf(ctx)),
    awardLot: ({ auctionId }, ctx) => s.lots.awardLot(auctionId, ctx.user.id),
    endAuction: ({ auctionId }, ctx) => s.auctions.end(auctionId, ctx.user.id),
    cancelAuction: ({ auctionId }, ctx) => s.auctions.cancel(auctionId, ctx.user.id),
    leaveBroadcast: ({ auctionId }, ctx) => s.audience.leaveBroadcast(auctionId, ctx.user.id),
  };
}
