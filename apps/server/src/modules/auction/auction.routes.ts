// REST routes of SPEC §3: auctions, their lots and bids, and the caller's winnings — through the service.
import type { domains } from '@bidwire/contract';
import type { ModuleRoutes } from '../../core/module.js';
import type { AuctionsService } from './auctions.service.js';

export const auctionRoutes = (auctions: AuctionsService): ModuleRoutes<typeof domains.auction> => ({
  createAuction: ({ body, user }) => auctions.create(body, user.id),
  updateAuction: ({ params, body, user }) => auctions.update(params.id, body, user.id),
  listAuctions: ({ query }) => auctions.list(query),
  getAuction: ({ params }) => auctions.get(params.id),
  listLots: ({ params, query }) => auctions.lots(params.id, query),
  listBids: ({ params, query }) => auctions.bids(params.id, params.lotId, query),
  myWinnings: ({ query, user }) => auctions.winnings(user.id, query),
});
