// The bid rule over a batch: the bids that queued for one auction while the previous batch ran, decided in
// arrival order against the state read under the room's write lock, maximum (proxy) bids included. Pure: the
// stores (Prisma, direct SQLite, direct PostgreSQL) read the state, call decideBids, and write what it answers,
// in one transaction.
import type { Bid, Lot } from '@bidwire/contract';
import { DomainError, invalidState, notFound } from '../../core/errors.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId, type RequestKey } from '../idempotency/request-key.js';
import { roomEvent } from '../rooms/room-log.js';
import { auctionRoom, userRoom } from '../../core/rooms.js';
import * as rules from './auction.domain.js';
import { lotFacts, toBid, toLot, type LotRow } from './auction.mappers.js';
import type { LotUpdate, NewBid, OpenLot } from './bid-columns.js';

export interface BidRequest {
  userId: string;
  amount: number;
  /** The most the bidder will pay: the server bids for them up to it (≥ amount, checked by the contract). */
  maxAmount?: number | undefined;
  requestId?: string | undefined;
  /** Whether the bidder's socket was in the auction room when the bid arrived. */
  joined: boolean;
}

export interface BidResult {
  bid: Bid;
  /** The lot after the step, the automatic bid it caused included. */
  lot: Lot;
  /** The bidder's standing maximum (private: only in their own ack). */
  myMaxBid: number;
}

export const requestKeyOf = (q: BidRequest): RequestKey | null =>
  q.requestId ? { userId: q.userId, command: 'placeBid', requestId: q.requestId } : null;

type PublicUserRow = { id: string; name: string; avatarUrl: string | null };

/** What a batch is decided against, read inside its transaction after the room's seq row is locked. */
export interface BatchState {
  auctionId: string;
  /** The room's last seq. */
  lastSeq: number;
  auction: rules.AuctionFacts;
  open: OpenLot | null;
  /** The open lot's leading bid (`open.leadingBidId`), when it has bids. */
  leading: NewBid | null;
  /** Stored first results of the batch's requestIds, by requestKeyId. */
  stored: Map<string, unknown>;
  /** Public fields of the batch's bidders and of the leader, by id. */
  users: Map<string, PublicUserRow>;
}

/** The lot after the accepted steps, written only while its bid count is still the one read (`readBidCount`). */
export interface LotWrite extends LotUpdate {
  id: string;
  readBidCount: number;
}

/** `outbid` for a user room: sequenced by the store once it holds that room's seq (`outbidEvents`). */
export interface OutbidNotice {
  userId: string;
  body: { auctionId: string; lotId: string; highestBid: number };
}

/** What the store writes when at least one step was accepted. */
export interface BatchWrites {
  lot: LotWrite;
  bids: NewBid[];
  /** The auction room's events, sequenced. */
  events: ReturnType<typeof roomEvent>[];
  /** The auction room's last seq after the batch's events. */
  lastSeq: number;
  saves: { key: RequestKey; response: BidResult }[];
  outbid: OutbidNotice[];
}

/** A writer whose guarded lot write found the lot changed (a writer that skipped the room's lock): nothing is kept. */
export const lotChanged = () => new DomainError('CONFLICT', 'The lot changed; try again.');

/** The user rooms a batch may send `outbid` to: its bidders' and the leader's (a store locks them before deciding). */
export const outbidRooms = (requests: BidRequest[], leaderId: string | null) =>
  [...new Set([...requests.map((q) => q.userId), ...(leaderId ? [leaderId] : [])])].map(userRoom).sort();

export function decideBids(
  state: BatchState,
  requests: BidRequest[],
  at: Date,
  newId: () => string,
): { outcomes: Settled<BidResult>[]; writes: BatchWrites | null } {
  const { auctionId, auction, open, stored, users } = state;
  const room = auctionRoom(auctionId);
  let leading = state.leading;
  let lot: rules.BiddingLot | null = open
    ? {
        ...lotFacts(open),
        bidCount: open.bidCount,
        softCloseMs: open.softCloseMs ?? 0,
        leaderId: leading?.userId ?? null,
        leaderMax: open.leaderMax === null ? null : Number(open.leaderMax),
        secondMax: open.secondMax === null ? null : Number(open.secondMax),
      }
    : null;
  let seq = state.lastSeq;
  let changed = false;
  const bids: NewBid[] = [];
  const events: ReturnType<typeof roomEvent>[] = [];
  const outbid: OutbidNotice[] = [];
  const saves: BatchWrites['saves'] = [];
  const results = new Map(stored); // a twin later in this batch answers the result of the first
  const bidOf = (row: NewBid) => {
    const user = users.get(row.userId);
    if (!user) throw notFound('User');
    return toBid({ ...row, user });
  };

  const decide = (q: BidRequest): Settled<BidResult> => {
    try {
      rules.assertMayBid(auction, q.userId, q.joined);
    } catch (error) {
      return { ok: false, error };
    }
    const key = requestKeyOf(q);
    const prior = key && (results.get(requestKeyId(key)) as BidResult | undefined);
    if (prior) return { ok: true, value: prior }; // a retry: the first result, nothing created
    if (!open || !lot) return { ok: false, error: invalidState(rules.MESSAGES.noOpenLot) };
    const step = rules.applyBid(lot, { userId: q.userId, amount: q.amount, maxAmount: q.maxAmount }, at);
    if (step.error) return { ok: false, error: step.error };

    const rows = step.bids.map(
      (b): NewBid => ({
        id: newId(),
        auctionId,
        lotId: open.id,
        userId: b.userId,
        amount: BigInt(b.amount),
        auto: b.auto,
        maxAmount: !b.auto && q.maxAmount !== undefined ? BigInt(q.maxAmount) : null,
        createdAt: at,
      }),
    );
    // Public shapes first: a missing user refuses the bid before anything is recorded.
    const placed = rows.map(bidOf);
    const bid = placed[0] ?? (leading ? bidOf(leading) : null); // raising one's maximum answers the leading bid
    if (!bid) return { ok: false, error: invalidState(rules.MESSAGES.noOpenLot) };

    // The placed bid, then the automatic one right after it; each event carries the lot as its bid left it.
    placed.forEach((b, i) => {
      const after = step.bids[i]!.lot;
      events.push(roomEvent(room, ++seq, 'bidPlaced', { auctionId, lotId: open.id, bid: b, highestBid: after.highestBid!, bidCount: after.bidCount }, at));
    });
    if (step.extendedTo) {
      events.push(roomEvent(room, ++seq, 'lotExtended', { auctionId, lotId: open.id, endsAt: step.extendedTo.toISOString() }, at));
    }
    lot = step.lot;
    leading = rows.at(-1) ?? leading;
    changed = true;
    bids.push(...rows);
    for (const userId of step.outbid) outbid.push({ userId, body: { auctionId, lotId: open.id, highestBid: lot.highestBid! } });

    const result: BidResult = { bid, lot: toLot(rowAfter(open, lot)), myMaxBid: step.myMaxBid };
    if (key) {
      saves.push({ key, response: result });
      results.set(requestKeyId(key), result);
    }
    return { ok: true, value: result };
  };

  const outcomes = requests.map((q) => {
    try {
      return decide(q);
    } catch (error) {
      return { ok: false as const, error }; // NOT_FOUND of a user, thrown before the step changed anything
    }
  });
  if (!open || !lot || !changed || !leading || lot.highestBid === null || lot.leaderMax === null) return { outcomes, writes: null };
  const write: LotWrite = {
    id: open.id,
    readBidCount: open.bidCount,
    highestBid: BigInt(lot.highestBid),
    bidCount: lot.bidCount,
    endsAt: lot.endsAt,
    leadingBidId: leading.id,
    leaderMax: BigInt(lot.leaderMax),
    secondMax: lot.secondMax === null ? null : BigInt(lot.secondMax),
  };
  return { outcomes, writes: { lot: write, bids, events, lastSeq: seq, saves, outbid } };
}

/**
 * The `outbid` events of a batch, sequenced per user room after `lastSeqOf(room)` (read under that room's lock);
 * answers them and each room's new last seq.
 */
export function outbidEvents(notices: OutbidNotice[], lastSeqOf: (room: string) => number, at: Date) {
  const last = new Map<string, number>();
  const events = notices.map(({ userId, body }) => {
    const room = userRoom(userId);
    const seq = (last.get(room) ?? lastSeqOf(room)) + 1;
    last.set(room, seq);
    return roomEvent(room, seq, 'outbid', body, at);
  });
  return { events, lastSeqs: last };
}

/** The lot's row once the steps so far are applied. */
const rowAfter = (open: LotRow, lot: rules.BiddingLot): LotRow => ({
  ...open,
  highestBid: lot.highestBid === null ? null : BigInt(lot.highestBid),
  bidCount: lot.bidCount,
  endsAt: lot.endsAt,
});
