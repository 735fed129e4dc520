// Who is in an auction's room: joining (the snapshot), leaving, disconnecting and coming back by connection
// state recovery; viewer counts and the broadcaster's presence follow (SPEC §3).
import type { AuctionSnapshot } from '@bidwire/contract';
import type { BroadcasterRegistry } from '../../core/ports/broadcaster-registry.js';
import type { ViewerRegistry } from '../../core/ports/viewer-registry.js';
import { auctionRoom } from '../../core/rooms.js';
import type { Commit } from '../rooms/commit.js';
import { appendEvent } from '../rooms/room-log.js';
import type { AuctionLoader, Caller } from './auction-access.js';
import { readAuctionStates } from './auction-snapshot.js';
import { createSharedRead } from '../../lib/shared-read.js';
import * as rules from './auction.domain.js';
import type { AuctionFacts } from './auction.domain.js';
import { readAuctionFacts } from './auction-facts-read.js';
import { notFound } from '../../core/errors.js';
import type { AuctionRepository } from './auction.repository.js';
import type { ViewerCountNotifier } from './viewer-count-notifier.js';
import type { Db } from '../../db/client.js';

export interface AudienceServiceDeps {
  db: Db;
  repo: AuctionRepository;
  auctions: AuctionLoader;
  commit: Commit;
  viewers: ViewerRegistry;
  broadcasters: BroadcasterRegistry;
  viewerCounts: ViewerCountNotifier;
}

export function createAudienceService(d: AudienceServiceDeps) {
  // A crowd joining one auction at once (a reconnect storm) shares the reads: each read starts after the
  // requests it answers arrived, so it sees all a read of their own would (lib/shared-read.ts).
  const snapshots = createSharedRead<string, AuctionSnapshot>(async (auctionId, userIds) => {
    const states = await readAuctionStates(d.db, auctionId, userIds);
    const viewerCount = await d.viewers.count(auctionId);
    const broadcasterPresent = await d.broadcasters.isPresent(auctionId);
    const serverTime = Date.now();
    return states.map((state) => ({ ...state, viewerCount, broadcasterPresent, serverTime }));
  });
  const facts = createSharedRead<null, AuctionFacts>(async (auctionId, requests) => {
    const auction = await readAuctionFacts(d.db, auctionId);
    if (!auction) throw notFound('Auction');
    return requests.map(() => auction);
  });

  /** The auction room's snapshot as `userId` sees it (their own standing maximum included). */
  function snapshot(auctionId: string, userId: string): Promise<AuctionSnapshot> {
    return snapshots(auctionId, userId);
  }

  async function broadcasterEvent(auctionId: string, event: 'broadcasterJoined' | 'broadcasterLeft') {
    await d.commit(async (tx, out) => {
      out.push(await appendEvent(tx, auctionRoom(auctionId), event, { auctionId }));
    });
  }

  /** A socket is gone from an auction room (leaveAuction, or disconnect). */
  async function socketLeft(auctionId: string, caller: Pick<Caller, 'userId' | 'socketId'>) {
    const count = await d.viewers.remove(auctionId, caller.userId, caller.socketId);
    d.viewerCounts.changed(auctionId, count);
    const ownerId = (await readAuctionFacts(d.db, auctionId))?.ownerId;
    if (caller.userId === ownerId && (await d.broadcasters.ownerSocketLeft(auctionId, caller.socketId))) {
      await broadcasterEvent(auctionId, 'broadcasterLeft');
    }
  }

  return {
    snapshot,
    socketLeft,

    async join(auctionId: string, caller: Caller, join: () => void): Promise<AuctionSnapshot> {
      const auction = await facts(auctionId, null);
      rules.assertJoinable(auction);
      const room = auctionRoom(auctionId);
      const rejoin = caller.isInRoom(room);
      // In the room before the snapshot is read: nothing committed after the read can be missed.
      join();
      if (!rejoin) {
        d.viewerCounts.changed(auctionId, await d.viewers.add(auctionId, caller.userId, caller.socketId));
      }
      if (auction.ownerId === caller.userId && (await d.broadcasters.ownerJoined(auctionId, caller.socketId))) {
        await broadcasterEvent(auctionId, 'broadcasterJoined');
      }
      return snapshot(auctionId, caller.userId);
    },

    async leave(auctionId: string, caller: Caller, leave: () => void): Promise<Record<string, never>> {
      if (!caller.isInRoom(auctionRoom(auctionId))) return {};
      leave();
      await socketLeft(auctionId, caller);
      return {};
    },

    /** A socket is back in an auction room by connection state recovery (no joinAuction was sent). */
    async socketReturned(auctionId: string, caller: Pick<Caller, 'userId' | 'socketId'>) {
      d.viewerCounts.changed(auctionId, await d.viewers.add(auctionId, caller.userId, caller.socketId));
      if ((await readAuctionFacts(d.db, auctionId))?.ownerId === caller.userId && (await d.broadcasters.ownerJoined(auctionId, caller.socketId))) {
        await broadcasterEvent(auctionId, 'broadcasterJoined');
      }
    },

    async leaveBroadcast(auctionId: string, userId: string): Promise<Record<string, never>> {
      await d.auctions.loadOwned(auctionId, userId);
      if (await d.broadcasters.ownerLeftBroadcast(auctionId)) await broadcasterEvent(auctionId, 'broadcasterLeft');
      return {};
    },
  };
}
export type AudienceService = ReturnType<typeof createAudienceService>;
