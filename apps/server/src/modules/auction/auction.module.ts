// Live auctions (SPEC §3): the commands and routes of the domain, the socket hooks that keep viewer counts
// and broadcaster presence right, who may read an auction room, and the timed-lot closer.
import { domains } from '@bidwire/contract';
import type { RepliesFirstEmitter } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { defineModule } from '../../core/module.js';
import type { BroadcasterRegistry } from '../../core/ports/broadcaster-registry.js';
import { createLocalDueTimers } from '../../core/ports/due-timers.js';
import type { ViewerRegistry } from '../../core/ports/viewer-registry.js';
import { auctionIdOfRoom, auctionRoom } from '../../core/rooms.js';
import type { Db } from '../../db/client.js';
import { createIdempotency } from '../idempotency/idempotency.js';
import type { Commit } from '../rooms/commit.js';
import { auctionLoader } from './auction-access.js';
import { auctionRoomAccess } from './auction-room-access.js';
import { auctionHandlers } from './auction.handlers.js';
import { createAuctionRepository } from './auction.repository.js';
import { auctionRoutes } from './auction.routes.js';
import { createAuctionsService } from './auctions.service.js';
import { createAudienceService } from './audience.service.js';
import { createCommentsService } from './comments.service.js';
import { createLotCloser } from './lot-closer.js';
import { createLotsService } from './lots.service.js';
import { createViewerCountNotifier } from './viewer-count-notifier.js';

export interface AuctionModuleDeps {
  db: Db;
  commit: Commit;
  emitter: RepliesFirstEmitter;
  /** In process, or shared through Redis in multi-node mode. */
  viewers: ViewerRegistry;
  broadcasters: BroadcasterRegistry;
  log: Logger;
  now?: () => Date;
}

export function createAuctionModule(d: AuctionModuleDeps) {
  const now = d.now ?? (() => new Date());
  const repo = createAuctionRepository(d.db);
  const auctions = auctionLoader(repo);
  const viewerCounts = createViewerCountNotifier((auctionId, viewerCount) =>
    d.emitter.toRoom(auctionRoom(auctionId), 'viewerCountChanged', { auctionId, viewerCount }),
  );
  // Timed lots: timers wake the closer, which awards the lot once (the close is conditional).
  const timers = createLocalDueTimers((lotId) => void closer.onDue(lotId));
  const lots = createLotsService({ db: d.db, repo, auctions, commit: d.commit, emitter: d.emitter, timers, now });
  const closer = createLotCloser({ repo, closer: lots, timers, log: d.log });
  const audience = createAudienceService({
    db: d.db,
    repo,
    auctions,
    commit: d.commit,
    viewers: d.viewers,
    broadcasters: d.broadcasters,
    viewerCounts,
  });
  const services = {
    auctions: createAuctionsService({ repo, auctions, commit: d.commit, emitter: d.emitter, now }),
    audience,
    lots,
    comments: createCommentsService({ auctions, commit: d.commit, idempotency: createIdempotency(d.db) }),
  };

  const module = defineModule(domains.auction, {
    commands: auctionHandlers(services),
    routes: auctionRoutes(services.auctions),
    sockets: {
      // A socket leaving its auction rooms (or coming back into them by recovery) moves the viewer
      // counts and the broadcaster's presence.
      async disconnecting(ctx, rooms) {
        for (const auctionId of [...rooms].map(auctionIdOfRoom)) {
          if (auctionId) await audience.socketLeft(auctionId, { userId: ctx.user.id, socketId: ctx.socketId });
        }
      },
      async recovered(ctx, rooms) {
        for (const auctionId of [...rooms].map(auctionIdOfRoom)) {
          if (auctionId) await audience.socketReturned(auctionId, { userId: ctx.user.id, socketId: ctx.socketId });
        }
      },
    },
    rooms: { auction: auctionRoomAccess(repo, audience) },
    // A restarted server awards the lots that ended while it was down and re-arms the others.
    start: () => closer.start(),
    stop: () => {
      closer.close();
      viewerCounts.close();
    },
  });
  /** Closes every overdue timed lot now (tests, maintenance). */
  return { module, sweepTimedLots: closer.sweep };
}
