// Lots of a live auction: open one, bid on it (through the per-auction bid queue), award it, and close a
// timed lot at its end exactly once. The bid rule itself is pure (auction.domain.ts, bid-batch.ts).
import type { AwardResult, CommandPayload, Lot } from '@bidwire/contract';
import type * as z from 'zod';
import { DomainError, invalidState } from '../../core/errors.js';
import type { RepliesFirstEmitter } from '../../core/events.js';
import type { DueTimers } from '../../core/ports/due-timers.js';
import { auctionRoom } from '../../core/rooms.js';
import type { Db } from '../../db/client.js';
import type { Commit } from '../rooms/commit.js';
import { claimSeq, recordEvent } from '../rooms/room-log.js';
import type { AuctionLoader, Caller } from './auction-access.js';
import * as rules from './auction.domain.js';
import { toLot } from './auction.mappers.js';
import { createAuctionRepository, type AuctionRepository } from './auction.repository.js';
import type { BidResult } from './bid-batch.js';
import { createBidQueue } from './bid-queue.js';
import { closeOpenLot } from './lot-closing.js';

export interface LotsServiceDeps {
  db: Db;
  repo: AuctionRepository;
  auctions: AuctionLoader;
  commit: Commit;
  emitter: RepliesFirstEmitter;
  /** Wakes the lot closer at a timed lot's end. */
  timers: DueTimers;
  now: () => Date;
}

export function createLotsService(d: LotsServiceDeps) {
  /** Keeps the timer of an open timed lot on its current end. */
  const followEnd = (lot: Lot) => {
    if (lot.status === 'open' && lot.endsAt) d.timers.schedule(lot.id, new Date(lot.endsAt));
  };
  const bids = createBidQueue({ db: d.db, emitter: d.emitter, now: d.now, placed: followEnd });

  return {
    async openLot(input: CommandPayload<'openLot'>, userId: string): Promise<{ lot: Lot }> {
      const auction = await d.auctions.loadOwned(input.auctionId, userId);
      rules.assertLive(auction);
      const opened = await d.commit(async (tx, out) => {
        const r = createAuctionRepository(tx);
        const seq = await claimSeq(tx, auctionRoom(auction.id));
        if (await r.openLotOf(auction.id)) throw invalidState(rules.MESSAGES.lotAlreadyOpen);
        const openedAt = d.now();
        const row = await r.createLot({
          auctionId: auction.id,
          product: input.product,
          description: input.description ?? null,
          weight: input.weight ?? null,
          startingPrice: BigInt(input.startingPrice),
          minIncrement: BigInt(input.minIncrement),
          marketPrice: input.marketPrice === undefined ? null : BigInt(input.marketPrice),
          durationMs: input.durationMs ?? null,
          softCloseMs: input.durationMs ? (input.softCloseMs ?? rules.DEFAULT_SOFT_CLOSE_MS) : null,
          endsAt: input.durationMs ? new Date(openedAt.getTime() + input.durationMs) : null,
          openedAt,
        });
        const lot = toLot(row);
        out.push(await recordEvent(tx, auctionRoom(auction.id), seq, 'lotOpened', { auctionId: auction.id, lot }));
        return { lot };
      });
      followEnd(opened.lot);
      return opened;
    },

    placeBid(input: CommandPayload<'placeBid'>, caller: Caller): Promise<BidResult> {
      const joined = caller.isInRoom(auctionRoom(input.auctionId));
      const { amount, maxAmount, requestId } = input;
      return bids.place(input.auctionId, { userId: caller.userId, amount, maxAmount, requestId, joined });
    },

    async awardLot(auctionId: string, userId: string): Promise<z.output<typeof AwardResult>> {
      const auction = await d.auctions.loadOwned(auctionId, userId);
      rules.assertLive(auction);
      return d.commit(async (tx, out) => {
        const seq = await claimSeq(tx, auctionRoom(auctionId));
        const result = await closeOpenLot(tx, out, auctionId, { sell: true, seq, closedAt: d.now() });
        if (!result) throw invalidState(rules.MESSAGES.noOpenLot);
        return result;
      });
    },

    /** Timed lots: awards the lot if it is still open and its end has passed (one caller wins). */
    async closeDueLot(lotId: string): Promise<{ closed: boolean; endsAt: Date | null }> {
      const lot = await d.repo.findLot(lotId);
      if (!lot) return { closed: false, endsAt: null };
      try {
        return await d.commit(async (tx, out, rollback) => {
          const seq = await claimSeq(tx, auctionRoom(lot.auctionId));
          const current = await createAuctionRepository(tx).findLot(lotId);
          // Not due (closed meanwhile, or its end moved): roll back so the claimed seq is given back.
          if (!current || current.status !== 'open' || !current.endsAt) return rollback({ closed: false, endsAt: null });
          if (current.endsAt.getTime() > d.now().getTime()) return rollback({ closed: false, endsAt: current.endsAt });
          if (!(await closeOpenLot(tx, out, lot.auctionId, { sell: true, seq, closedAt: d.now() }))) {
            return rollback({ closed: false, endsAt: null });
          }
          return { closed: true, endsAt: null };
        });
      } catch (error) {
        // Another closer (award, end, another node) won the conditional close.
        if (error instanceof DomainError && error.code === 'INVALID_STATE') return { closed: false, endsAt: null };
        throw error;
      }
    },
  };
}
export type LotsService = ReturnType<typeof createLotsService>;
