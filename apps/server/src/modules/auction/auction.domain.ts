// Pure rules of live auctions: who may do what in which state, and the bid rule. No I/O here.
import { DomainError, forbidden, invalidState } from '../../core/errors.js';

export type AuctionStatus = 'scheduled' | 'live' | 'ended' | 'canceled';

export interface AuctionFacts {
  ownerId: string;
  status: string;
}

export interface LotFacts {
  status: string;
  highestBid: number | null;
  startingPrice: number;
  minIncrement: number;
  endsAt: Date | null;
}

export const MESSAGES = {
  notStarted: 'Auction has not started yet.',
  ended: 'Auction has ended.',
  canceled: 'Auction was canceled.',
  notLive: 'Auction is not live.',
  onlyOwner: 'Only the auction owner can do that.',
  ownerCannotBid: 'You cannot bid on your own auction.',
  joinFirst: 'Join the auction first.',
  noOpenLot: 'No lot is open.',
  lotAlreadyOpen: 'A lot is already open. Award it first.',
  lotEnded: 'This lot has ended.',
  onlyScheduledStart: 'Only scheduled auctions can be started.',
  onlyScheduledEdit: 'Only scheduled auctions can be edited.',
  onlyLiveEnd: 'Only live auctions can be ended.',
  onlyLiveCancel: 'You can only cancel live auctions.',
  canceledBroadcast: 'The auction was canceled by the seller.',
} as const;

export function assertOwner(auction: AuctionFacts, userId: string): void {
  if (auction.ownerId !== userId) throw forbidden(MESSAGES.onlyOwner);
}

/** Why a caller cannot be in the room of an auction in this state, if they cannot. */
export function assertJoinable(auction: AuctionFacts): void {
  switch (auction.status as AuctionStatus) {
    case 'live':
      return;
    case 'scheduled':
      throw invalidState(MESSAGES.notStarted);
    case 'ended':
      throw invalidState(MESSAGES.ended);
    case 'canceled':
      throw invalidState(MESSAGES.canceled);
  }
}

export function assertLive(auction: AuctionFacts): void {
  if (auction.status !== 'live') throw invalidState(MESSAGES.notLive);
}

export function assertCanStart(auction: AuctionFacts): void {
  if (auction.status !== 'scheduled') throw invalidState(MESSAGES.onlyScheduledStart);
}

export function assertCanEdit(auction: AuctionFacts): void {
  if (auction.status !== 'scheduled') throw invalidState(MESSAGES.onlyScheduledEdit);
}

export function assertCanEnd(auction: AuctionFacts): void {
  if (auction.status !== 'live') throw invalidState(MESSAGES.onlyLiveEnd);
}

export function assertCanCancel(auction: AuctionFacts): void {
  if (auction.status !== 'live') throw invalidState(MESSAGES.onlyLiveCancel);
}

export function assertMayBid(auction: AuctionFacts, userId: string, isMember: boolean): void {
  if (auction.ownerId === userId) throw forbidden(MESSAGES.ownerCannotBid);
  if (!isMember) throw forbidden(MESSAGES.joinFirst);
  assertLive(auction);
}

/** The least amount a bid on this lot may have now: the starting price, then the highest bid + minIncrement. */
export function minimumBid(lot: Pick<LotFacts, 'highestBid' | 'startingPrice' | 'minIncrement'>): number {
  return lot.highestBid === null ? lot.startingPrice : lot.highestBid + lot.minIncrement;
}

/** The reason a bid of `amount` is refused on this lot now, or null when it is acceptable. */
export function bidRejection(lot: LotFacts | null, amount: number, now: Date): DomainError | null {
  if (!lot) return invalidState(MESSAGES.noOpenLot);
  const closed = closedRejection(lot, now);
  if (closed) return closed;
  const least = minimumBid(lot);
  if (amount >= least) return null;
  const message =
    lot.highestBid === null
      ? `Bid must be at least the starting price (${lot.startingPrice})`
      : `Bid must be higher than the current bid (${lot.highestBid})`;
  return new DomainError('BID_TOO_LOW', message, { minimumBid: least });
}

/** Timed lots: a bid inside the soft-close window pushes the end to now + softCloseMs. */
export function extendedEnd(endsAt: Date | null, softCloseMs: number, now: Date): Date | null {
  if (!endsAt || softCloseMs <= 0) return null;
  return endsAt.getTime() - now.getTime() <= softCloseMs ? new Date(now.getTime() + softCloseMs) : null;
}

/**
 * The lot as bids change it: the bid rule's facts, the count, the soft-close window, and the standing maxima that
 * decide who leads (SPEC §3 "Maximum (proxy) bids"). The maxima are private: they never leave the server except
 * as the owner's own `myMaxBid`.
 */
export interface BiddingLot extends LotFacts {
  bidCount: number;
  softCloseMs: number;
  /** Who placed the leading bid: the bidder with the highest standing maximum (the earliest on a tie). */
  leaderId: string | null;
  /** The leader's standing maximum. */
  leaderMax: number | null;
  /** The best standing maximum of anyone but the leader (null while only one user has bid). */
  secondMax: number | null;
}

/** A `placeBid` as the rule sees it. */
export interface BidAttempt {
  userId: string;
  amount: number;
  /** The most the bidder will pay (≥ amount, checked by the contract); their bid is their maximum without it. */
  maxAmount?: number | undefined;
}

/** A bid a step records: the one placed, or the automatic bid that follows it. */
export interface StepBid {
  userId: string;
  amount: number;
  auto: boolean;
  /** The lot as this bid left it (what its `bidPlaced` carries). */
  lot: BiddingLot;
}

export type BidStep =
  | { error: DomainError }
  | {
      error: null;
      /** The lot after the step. */
      lot: BiddingLot;
      /** The placed bid and at most one automatic bid, in order; empty when the leader only raised their maximum. */
      bids: StepBid[];
      /** Who led before the step, or placed its bid, and does not lead after it. */
      outbid: string[];
      /** The end the step pushed (soft close), if any. */
      extendedTo: Date | null;
      /** The bidder's standing maximum after the step. */
      myMaxBid: number;
    };

/** Why no bid at all can be placed on this lot now (closed, or a timed lot past its end), if so. */
function closedRejection(lot: LotFacts, now: Date): DomainError | null {
  if (lot.status !== 'open') return invalidState(MESSAGES.noOpenLot);
  if (lot.endsAt && lot.endsAt.getTime() <= now.getTime()) return invalidState(MESSAGES.lotEnded);
  return null;
}

/**
 * One bid against the lot as it stands: why it is refused, or what it records. The leader is the bidder with the
 * highest standing maximum (a tie goes to whoever set it first, who is already leading), and the price is the
 * larger of the bid and min(leader's maximum, best other maximum + minIncrement); when that makes someone else
 * lead, or raises the price above the bid, one automatic bid for the leader at that price follows the bid.
 */
export function applyBid(lot: BiddingLot, attempt: BidAttempt, now: Date): BidStep {
  const { userId, amount } = attempt;
  if (attempt.maxAmount !== undefined && userId === lot.leaderId && amount === lot.highestBid) {
    // The leader raises their maximum: no bid, nothing to broadcast (a lower maximum changes nothing).
    const closed = closedRejection(lot, now);
    if (closed) return { error: closed };
    const leaderMax = Math.max(lot.leaderMax ?? amount, attempt.maxAmount);
    return { error: null, lot: { ...lot, leaderMax }, bids: [], outbid: [], extendedTo: null, myMaxBid: leaderMax };
  }
  const error = bidRejection(lot, amount, now);
  if (error) return { error };

  const max = Math.max(attempt.maxAmount ?? amount, amount);
  const standing = standingAfter(lot, userId, max);
  const { leaderId, leaderMax, secondMax } = standing;
  const price = secondMax === null ? amount : Math.max(amount, Math.min(leaderMax, secondMax + lot.minIncrement));

  const extendedTo = extendedEnd(lot.endsAt, lot.softCloseMs, now);
  const placed: BiddingLot = { ...lot, ...standing, highestBid: amount, bidCount: lot.bidCount + 1, endsAt: extendedTo ?? lot.endsAt };
  const bids: StepBid[] = [{ userId, amount, auto: false, lot: placed }];
  if (leaderId !== userId || price > amount) {
    bids.push({ userId: leaderId, amount: price, auto: true, lot: { ...placed, highestBid: price, bidCount: placed.bidCount + 1 } });
  }
  const outbid = [...new Set([lot.leaderId, userId])].filter((u): u is string => u !== null && u !== leaderId);
  return { error: null, lot: bids[bids.length - 1]!.lot, bids, outbid, extendedTo, myMaxBid: leaderId === userId ? leaderMax : max };
}

/**
 * The leader and the two maxima that matter once `userId` has a standing maximum of at least `max`. Only the
 * leader's and the best other maximum decide the price: a non-leader's earlier maximum is at most that best other
 * one (the price passed it), so their new one is `max` itself.
 */
function standingAfter(lot: BiddingLot, userId: string, max: number): { leaderId: string; leaderMax: number; secondMax: number | null } {
  if (lot.leaderId === null || lot.leaderMax === null) return { leaderId: userId, leaderMax: max, secondMax: null };
  if (lot.leaderId === userId) return { leaderId: userId, leaderMax: Math.max(lot.leaderMax, max), secondMax: lot.secondMax };
  if (max > lot.leaderMax) return { leaderId: userId, leaderMax: max, secondMax: lot.leaderMax };
  return { leaderId: lot.leaderId, leaderMax: lot.leaderMax, secondMax: Math.max(lot.secondMax ?? max, max) };
}

export const DEFAULT_SOFT_CLOSE_MS = 10_000;
