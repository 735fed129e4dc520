// Pure rules of live auctions: who may do what in which state, and the bid rule. No I/O here.
import { DomainError, forbidden, invalidState } from '../../errors.js';

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

/** The least amount the next bid on this lot may have. */
export function minimumNextBid(lot: Pick<LotFacts, 'highestBid' | 'startingPrice' | 'minIncrement'>): number {
  return lot.highestBid === null ? lot.startingPrice : lot.highestBid + lot.minIncrement;
}

/** The reason a bid of `amount` is refused on this lot now, or null when it is acceptable. */
export function bidRejection(lot: LotFacts | null, amount: number, now: Date): DomainError | null {
  if (!lot || lot.status !== 'open') return invalidState(MESSAGES.noOpenLot);
  if (lot.endsAt && lot.endsAt.getTime() <= now.getTime()) return invalidState(MESSAGES.lotEnded);
  if (lot.highestBid === null) {
    return amount >= lot.startingPrice
      ? null
      : new DomainError('BID_TOO_LOW', `Bid must be at least the starting price (${lot.startingPrice})`);
  }
  return amount >= lot.highestBid + lot.minIncrement
    ? null
    : new DomainError('BID_TOO_LOW', `Bid must be higher than the current bid (${lot.highestBid})`);
}

/** Timed lots: a bid inside the soft-close window pushes the end to now + softCloseMs. */
export function extendedEnd(endsAt: Date | null, softCloseMs: number, now: Date): Date | null {
  if (!endsAt || softCloseMs <= 0) return null;
  return endsAt.getTime() - now.getTime() <= softCloseMs ? new Date(now.getTime() + softCloseMs) : null;
}

/** The lot as bids change it: the bid rule's facts plus the count and the soft-close window. */
export interface BiddingLot extends LotFacts {
  bidCount: number;
  softCloseMs: number;
}

/** One bid against the lot as it stands: why it is refused, or the lot after it (and the end it pushed, if any). */
export function applyBid(
  lot: BiddingLot,
  amount: number,
  now: Date,
): { error: DomainError } | { error: null; lot: BiddingLot; extendedTo: Date | null } {
  const error = bidRejection(lot, amount, now);
  if (error) return { error };
  const extendedTo = extendedEnd(lot.endsAt, lot.softCloseMs, now);
  return { error: null, lot: { ...lot, highestBid: amount, bidCount: lot.bidCount + 1, endsAt: extendedTo ?? lot.endsAt }, extendedTo };
}

export const DEFAULT_SOFT_CLOSE_MS = 10_000;
