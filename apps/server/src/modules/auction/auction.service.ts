// Orchestration of live auctions: load, check the pure rules, write in one transaction with the
// room's events, then broadcast what was persisted. No Socket.IO and no Fastify here.
import type { Auction, AuctionSnapshot, AwardResult, CommandPayload, Comment, Lot } from '@bidwire/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { DomainError, invalidState, notFound } from '../../errors.js';
import { createCommit } from '../../lib/commit.js';
import type { EventEmitterPort } from '../../realtime/emitter.js';
import type { Idempotency } from '../idempotency/idempotency.js';
import { appendEvent, claimSeq, recordEvent } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import { readAuctionState } from './auction-snapshot.js';
import * as rules from './auction.domain.js';
import { toAuction, toComment, toLot } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';
import type { BidResult } from './bid-batch.js';
import { createBidQueue } from './bid-queue.js';
import type { BroadcasterRegistry } from './broadcaster-registry.js';
import { closeOpenLot } from './lot-closing.js';
import type { LotTimers } from './lot-timers.js';
import type { ViewerCountNotifier } from './viewer-count-notifier.js';
import type { ViewerRegistry } from './viewer-registry.js';

export interface AuctionServiceDeps {
  db: Db;
  emitter: EventEmitterPort;
  idempotency: Idempotency;
  viewers: ViewerRegistry;
  broadcasters: BroadcasterRegistry;
  viewerCounts: ViewerCountNotifier;
  /** Wakes the server at a timed lot's end (set once the lot closer exists). */
  lotTimers?: LotTimers;
  now?: () => Date;
}

/** Thrown inside closeDueLot's transaction to roll it back (and give back its seq) when there is nothing to close. */
class LotNotDue {
  constructor(readonly endsAt: Date | null) {}
}

/** The caller as the service needs it: who, and which auction rooms their socket is in. */
export interface Caller {
  userId: string;
  socketId: string;
  isInRoom(room: string): boolean;
}


export function createAuctionService(d: AuctionServiceDeps) {
  const repo = createAuctionRepository(d.db);
  const now = d.now ?? (() => new Date());

  async function loadAuction(id: string) {
    const auction = await repo.findAuction(id);
    if (!auction) throw notFound('Auction');
    return auction;
  }

  async function loadOwned(id: string, userId: string) {
    const auction = await loadAuction(id);
    rules.assertOwner(auction, userId);
    return auction;
  }

  /** One transaction; the room events it recorded are broadcast once it has committed. */
  const commit = createCommit(d.db, d.emitter);

  const bids = createBidQueue({ db: d.db, emitter: d.emitter, now, placed: followEnd });

  async function snapshot(auctionId: string): Promise<AuctionSnapshot> {
    return {
      ...(await readAuctionState(d.db, auctionId)),
      viewerCount: await d.viewers.count(auctionId),
      broadcasterPresent: await d.broadcasters.isPresent(auctionId),
      serverTime: Date.now(),
    };
  }

  async function broadcasterEvent(auctionId: string, event: 'broadcasterJoined' | 'broadcasterLeft') {
    await commit(async (tx, out) => {
      out.push(await appendEvent(tx, auctionRoom(auctionId), event, { auctionId }));
    });
  }

  /** A socket is gone from an auction room (leaveAuction, or disconnect). */
  async function socketLeft(auctionId: string, ownerId: string, caller: Pick<Caller, 'userId' | 'socketId'>) {
    const count = await d.viewers.remove(auctionId, caller.userId, caller.socketId);
    d.viewerCounts.changed(auctionId, count);
    if (caller.userId === ownerId && (await d.broadcasters.ownerSocketLeft(auctionId, caller.socketId))) {
      await broadcasterEvent(auctionId, 'broadcasterLeft');
    }
  }

  return {
    async startAuction(auctionId: string, userId: string): Promise<{ auction: Auction }> {
      const existing = await loadOwned(auctionId, userId);
      rules.assertCanStart(existing);
      if (!(await repo.transition(auctionId, 'scheduled', 'live', { startedAt: now() }))) {
        throw invalidState(rules.MESSAGES.onlyScheduledStart);
      }
      const auction = toAuction(await loadAuction(auctionId));
      d.emitter.toAll('auctionStarted', { auction });
      return { auction };
    },

    async joinAuction(auctionId: string, caller: Caller, join: () => void): Promise<AuctionSnapshot> {
      const auction = await loadAuction(auctionId);
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
      return snapshot(auctionId);
    },

    async leaveAuction(auctionId: string, caller: Caller, leave: () => void): Promise<Record<string, never>> {
      if (!caller.isInRoom(auctionRoom(auctionId))) return {};
      leave();
      const auction = await repo.findAuction(auctionId);
      await socketLeft(auctionId, auction?.ownerId ?? '', caller);
      return {};
    },

    socketLeft,
    snapshot,

    /** A socket is back in an auction room by connection state recovery (no joinAuction was sent). */
    async socketReturned(auctionId: string, caller: Pick<Caller, 'userId' | 'socketId'>) {
      d.viewerCounts.changed(auctionId, await d.viewers.add(auctionId, caller.userId, caller.socketId));
      const auction = await repo.findAuction(auctionId);
      if (auction?.ownerId === caller.userId && (await d.broadcasters.ownerJoined(auctionId, caller.socketId))) {
        await broadcasterEvent(auctionId, 'broadcasterJoined');
      }
    },

    /** Timed lots: awards the lot if it is still open and its end has passed (one caller wins). */
    async closeDueLot(lotId: string): Promise<{ closed: boolean; endsAt: Date | null }> {
      const lot = await repo.findLot(lotId);
      if (!lot) return { closed: false, endsAt: null };
      try {
        await commit(async (tx, out) => {
          const seq = await claimSeq(tx, auctionRoom(lot.auctionId));
          const current = await createAuctionRepository(tx).findLot(lotId);
          if (!current || current.status !== 'open' || !current.endsAt) throw new LotNotDue(null);
          if (current.endsAt.getTime() > now().getTime()) throw new LotNotDue(current.endsAt);
          if (!(await closeOpenLot(tx, out, lot.auctionId, { sell: true, seq, closedAt: now() }))) throw new LotNotDue(null);
        });
        return { closed: true, endsAt: null };
      } catch (error) {
        if (error instanceof LotNotDue) return { closed: false, endsAt: error.endsAt };
        // Another closer (award, end, another node) won the conditional close.
        if (error instanceof DomainError && error.code === 'INVALID_STATE') return { closed: false, endsAt: null };
        throw error;
      }
    },

    async openLot(input: CommandPayload<'openLot'>, userId: string): Promise<{ lot: Lot }> {
      const auction = await loadOwned(input.auctionId, userId);
      rules.assertLive(auction);
      const opened = await commit(async (tx, out) => {
        const r = createAuctionRepository(tx);
        const seq = await claimSeq(tx, auctionRoom(auction.id));
        if (await r.openLotOf(auction.id)) throw invalidState(rules.MESSAGES.lotAlreadyOpen);
        const openedAt = now();
        const row = await r.createLot({
          auctionId: auction.id,
          product: input.product,
          description: input.description ?? null,
          weight: input.weight ?? null,
          startingPrice: BigInt(input.startingPrice),
          minIncrement: BigInt(input.minIncrement),
          marketPrice: input.marketPrice === undefined ? null : BigInt(input.marketPrice),
          nextMinBid: BigInt(input.startingPrice),
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

    async placeBid(input: CommandPayload<'placeBid'>, caller: Caller): Promise<BidResult> {
      const joined = caller.isInRoom(auctionRoom(input.auctionId));
      return bids.place(input.auctionId, { userId: caller.userId, amount: input.amount, requestId: input.requestId, joined });
    },

    async postComment(input: CommandPayload<'postComment'>, caller: Caller): Promise<{ comment: Comment }> {
      const auction = await loadAuction(input.auctionId);
      if (!caller.isInRoom(auctionRoom(auction.id))) throw new DomainError('FORBIDDEN', rules.MESSAGES.joinFirst);
      rules.assertLive(auction);
      const key = { userId: caller.userId, command: 'postComment', requestId: input.requestId };
      return d.idempotency.run(key, (save) =>
        commit(async (tx, out) => {
          const room = auctionRoom(auction.id);
          const seq = await claimSeq(tx, room);
          const comment = toComment(
            await createAuctionRepository(tx).createComment({ auctionId: auction.id, userId: caller.userId, text: input.text }),
          );
          out.push(await recordEvent(tx, room, seq, 'commentPosted', { auctionId: auction.id, comment }));
          const result = { comment };
          await save(tx, result);
          return result;
        }),
      );
    },

    async awardLot(auctionId: string, userId: string): Promise<z.output<typeof AwardResult>> {
      const auction = await loadOwned(auctionId, userId);
      rules.assertLive(auction);
      return commit(async (tx, out) => {
        const seq = await claimSeq(tx, auctionRoom(auctionId));
        const result = await closeOpenLot(tx, out, auctionId, { sell: true, seq, closedAt: now() });
        if (!result) throw invalidState(rules.MESSAGES.noOpenLot);
        return result;
      });
    },

    async endAuction(auctionId: string, userId: string): Promise<{ auction: Auction }> {
      return finish(auctionId, userId, 'ended');
    },

    async cancelAuction(auctionId: string, userId: string): Promise<{ auction: Auction }> {
      return finish(auctionId, userId, 'canceled');
    },

    async leaveBroadcast(auctionId: string, userId: string): Promise<Record<string, never>> {
      await loadOwned(auctionId, userId);
      if (await d.broadcasters.ownerLeftBroadcast(auctionId)) await broadcasterEvent(auctionId, 'broadcasterLeft');
      return {};
    },
  };

  /** Keeps the timer of an open timed lot on its current end. */
  function followEnd(lot: Lot) {
    if (lot.status === 'open' && lot.endsAt) d.lotTimers?.schedule(lot.id, new Date(lot.endsAt));
  }

  /** Ends or cancels a live auction; an open lot closes unsold first. */
  async function finish(auctionId: string, userId: string, to: 'ended' | 'canceled') {
    const existing = await loadOwned(auctionId, userId);
    if (to === 'ended') rules.assertCanEnd(existing);
    else rules.assertCanCancel(existing);
    return commit(async (tx, out) => {
      const r = createAuctionRepository(tx);
      const room = auctionRoom(auctionId);
      const first = await claimSeq(tx, room);
      if (!(await r.transition(auctionId, 'live', to, { endedAt: now() }))) {
        throw invalidState(to === 'ended' ? rules.MESSAGES.onlyLiveEnd : rules.MESSAGES.onlyLiveCancel);
      }
      const closed = await closeOpenLot(tx, out, auctionId, { sell: false, seq: first, closedAt: now() });
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
}
export type AuctionService = ReturnType<typeof createAuctionService>;
