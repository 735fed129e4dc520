// The bid rule over a batch: the bids that queued for one auction while the previous batch ran, decided in
// arrival order against the state read under the room's write lock. Pure: the stores (Prisma, direct SQLite)
// read the state, call decideBids, and write what it answers, in one transaction.
import type { Bid, Lot } from '@bidwire/contract';
import { invalidState, notFound } from '../../errors.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId, type RequestKey } from '../idempotency/idempotency.js';
import { roomEvent } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import * as rules from './auction.domain.js';
import { lotFacts, toBid, toLot, type LotRow } from './auction.mappers.js';

export interface BidRequest {
  userId: string;
  amount: number;
  requestId?: string | undefined;
  /** Whether the bidder's socket was in the auction room when the bid arrived. */
  joined: boolean;
}

export interface BidResult {
  bid: Bid;
  lot: Lot;
}

export const requestKeyOf = (q: BidRequest): RequestKey | null =>
  q.requestId ? { userId: q.userId, command: 'placeBid', requestId: q.requestId } : null;

/** What a batch is decided against, read inside its transaction after the room's seq row is locked. */
export interface BatchState {
  auctionId: string;
  /** The room's last seq. */
  lastSeq: number;
  auction: rules.AuctionFacts;
  open: (LotRow & { softCloseMs: number | null }) | null;
  /** Stored first results of the batch's requestIds, by requestKeyId. */
  stored: Map<string, unknown>;
  /** Public fields of the batch's bidders, by id. */
  users: Map<string, { id: string; name: string; avatarUrl: string | null }>;
}

export interface BidRow {
  id: string;
  auctionId: string;
  lotId: string;
  userId: string;
  amount: bigint;
  createdAt: Date;
}

/** The lot after the accepted bids, written only while its bid count is still the one read (`readBidCount`). */
export interface LotWrite {
  id: string;
  readBidCount: number;
  highestBid: bigint;
  nextMinBid: bigint;
  bidCount: number;
  endsAt: Date | null;
}

/** What the store writes when at least one bid was accepted. */
export interface BatchWrites {
  lot: LotWrite;
  bids: BidRow[];
  events: ReturnType<typeof roomEvent>[];
  /** The room's last seq after the batch's events. */
  lastSeq: number;
  saves: { key: RequestKey; response: BidResult }[];
}

export function decideBids(
  state: BatchState,
  requests: BidRequest[],
  at: Date,
  newId: () => string,
): { outcomes: Settled<BidResult>[]; writes: BatchWrites | null } {
  const { auctionId, auction, open, stored, users } = state;
  const room = auctionRoom(auctionId);
  let lot: rules.BiddingLot | null = open ? { ...lotFacts(open), bidCount: open.bidCount, softCloseMs: open.softCloseMs ?? 0 } : null;
  let seq = state.lastSeq;
  const bids: BidRow[] = [];
  const events: ReturnType<typeof roomEvent>[] = [];
  const saves: BatchWrites['saves'] = [];
  const results = new Map(stored); // a twin later in this batch answers the result of the first

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
    const step = rules.applyBid(lot, q.amount, at);
    if (step.error) return { ok: false, error: step.error };
    const user = users.get(q.userId);
    if (!user) return { ok: false, error: notFound('User') };
    lot = step.lot;
    const row: BidRow = { id: newId(), auctionId, lotId: open.id, userId: q.userId, amount: BigInt(q.amount), createdAt: at };
    bids.push(row);
    const bid = toBid({ ...row, user });
    events.push(roomEvent(room, ++seq, 'bidPlaced', { auctionId, lotId: open.id, bid, highestBid: q.amount, bidCount: lot.bidCount }, at));
    if (step.extendedTo) {
      events.push(roomEvent(room, ++seq, 'lotExtended', { auctionId, lotId: open.id, endsAt: step.extendedTo.toISOString() }, at));
    }
    const result: BidResult = { bid, lot: toLot(rowAfter(open, lot)) };
    if (key) {
      saves.push({ key, response: result });
      results.set(requestKeyId(key), result);
    }
    return { ok: true, value: result };
  };

  const outcomes = requests.map(decide);
  if (!open || !lot || lot.highestBid === null || bids.length === 0) return { outcomes, writes: null };
  const highestBid = BigInt(lot.highestBid);
  const write: LotWrite = {
    id: open.id,
    readBidCount: open.bidCount,
    highestBid,
    nextMinBid: highestBid + open.minIncrement,
    bidCount: lot.bidCount,
    endsAt: lot.endsAt,
  };
  return { outcomes, writes: { lot: write, bids, events, lastSeq: seq, saves } };
}

/** The lot's row once the bids so far are applied. */
const rowAfter = (open: LotRow, lot: rules.BiddingLot): LotRow => ({
  ...open,
  highestBid: lot.highestBid === null ? null : BigInt(lot.highestBid),
  bidCount: lot.bidCount,
  endsAt: lot.endsAt,
});
