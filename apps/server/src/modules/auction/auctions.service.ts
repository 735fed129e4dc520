// Auctions themselves: create and edit while scheduled, start, end or cancel, and the REST reads
// (auctions, lots, bids, winnings). Lots and bids are in lots.service.ts, the room in audience.service.ts.
import type { Auction } from '@bidwire/contract';
import { DomainError, invalidState, notFound } from '../../core/errors.js';
import type { EventEmitterPort } from '../../core/events.js';
import type { RouteInput } from '../../core/module.js';
import { auctionRoom } from '../../core/rooms.js';
import type { Commit } from '../rooms/commit.js';
import { claimSeq, recordEvent } from '../rooms/room-log.js';
import type { AuctionLoader } from './auction-access.js';
import * as rules from './auction.domain.js';
import { toAuction, toBid, toLot, toWinning } from './auction.mappers.js';
import { createAuctionRepository, type AuctionRepository } from './auction.repository.js';
import { closeOpenLot } from './lot-closing.js';

const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

export interface AuctionsServiceDeps {
  repo: AuctionRepository;
  auctions: AuctionLoader;
  commit: Commit;
  emitter: EventEmitterPort;
  now: () => Date;
}

export function createAuctionsService(d: AuctionsServiceDeps) {
  const { repo } = d;

  const assertCategory = async (categoryId: string | undefined) => {
    if (categoryId && !(await repo.categoryExists(categoryId))) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown category.', {
        issues: [{ path: 'categoryId', message: 'No category has this id.', code: 'custom' }],
      });
    }
  };

  /** Ends or cancels a live auction; an open lot closes unsold first. */
  async function finish(auctionId: string, userId: string, to: 'ended' | 'canceled') {
    const existing = await d.auctions.loadOwned(auctionId, userId);
    if (to === 'ended') rules.assertCanEnd(existing);
    else rules.assertCanCancel(existing);
    return d.commit(async (tx, out) => {
      const r = createAuctionRepository(tx);
      const room = auctionRoom(auctionId);
      const first = await claimSeq(tx, room);
      if (!(await r.transition(auctionId, 'live', to, { endedAt: d.now() }))) {
        throw invalidState(to === 'ended' ? rules.MESSAGES.onlyLiveEnd : rules.MESSAGES.onlyLiveCancel);
      }
      const closed = await closeOpenLot(tx, out, auctionId, { sell: false, seq: first, closedAt: d.now() });
      const seq = closed ? await claimSeq(tx, room) : first;
      const row = await r.findAuction(auctionId);
      if (!row) throw notFound('Auction');
      const auction = toAuction(row);
      out.push(
        to === 'ended'
          ? await recordEvent(tx, room, seq, 'auctionEnded', { auctionId, auction })
          : await recordEvent(tx, room, seq, 'auctionCanceled', { auctionId, message: rules.MESSAGES.canceledBroadcast }),
      );
      return { auction };
    });
  }

  return {
    async create(body: RouteInput<'createAuction'>['body'], ownerId: string): Promise<Auction> {
      await assertCategory(body.categoryId);
      const row = await repo.createAuction({
        ownerId,
        title: body.title,
        description: body.description,
        categoryId: body.categoryId,
        imageUrl: body.imageUrl,
        startsAt: date(body.startsAt),
        expiresAt: date(body.expiresAt),
      });
      return toAuction(row);
    },

    async update(id: string, body: RouteInput<'updateAuction'>['body'], userId: string): Promise<Auction> {
      const auction = await d.auctions.loadOwned(id, userId);
      rules.assertCanEdit(auction);
      await assertCategory(body.categoryId);
      const data = Object.fromEntries(
        Object.entries({ ...body, startsAt: date(body.startsAt), expiresAt: date(body.expiresAt) }).filter(([, v]) => v !== undefined),
      );
      return toAuction(await repo.updateAuction(id, data));
    },

    async list({ status, cursor, limit }: RouteInput<'listAuctions'>['query']) {
      const page = await repo.listAuctions(status, cursor, limit);
      return { items: page.items.map(toAuction), nextCursor: page.nextCursor };
    },

    get: async (id: string): Promise<Auction> => toAuction(await d.auctions.load(id)),

    async lots(auctionId: string, { cursor, limit }: RouteInput<'listLots'>['query']) {
      await d.auctions.load(auctionId);
      const page = await repo.listLots(auctionId, cursor, limit);
      return { items: page.items.map(toLot), nextCursor: page.nextCursor };
    },

    async bids(auctionId: string, lotId: string, { cursor, limit }: RouteInput<'listBids'>['query']) {
      const lot = await repo.findLot(lotId);
      if (!lot || lot.auctionId !== auctionId) throw notFound('Lot');
      const page = await repo.listBids(lotId, cursor, limit);
      return { items: page.items.map(toBid), nextCursor: page.nextCursor };
    },

    async winnings(userId: string, { cursor, limit }: RouteInput<'myWinnings'>['query']) {
      const page = await repo.listWinnings(userId, cursor, limit);
      return { items: page.items.map(toWinning), nextCursor: page.nextCursor };
    },

    async start(auctionId: string, userId: string): Promise<{ auction: Auction }> {
      const existing = await d.auctions.loadOwned(auctionId, userId);
      rules.assertCanStart(existing);
      if (!(await repo.transition(auctionId, 'scheduled', 'live', { startedAt: d.now() }))) {
        throw invalidState(rules.MESSAGES.onlyScheduledStart);
      }
      const auction = toAuction(await d.auctions.load(auctionId));
      d.emitter.toAll({ event: 'auctionStarted', payload: { auction } });
      return { auction };
    },

    end: (auctionId: string, userId: string) => finish(auctionId, userId, 'ended'),
    cancel: (auctionId: string, userId: string) => finish(auctionId, userId, 'canceled'),
  };
}
export type AuctionsService = ReturnType<typeof createAuctionsService>;
