// Database rows to the contract's public entities (BigInt money to numbers, dates to ISO strings,
// users to their public fields only).
import type { Auction, AuctionStatus, Bid, Comment, Lot, LotStatus, Winning } from '@bidwire/contract';
import { toPublicUser } from '../../core/user.js';

interface UserRow {
  id: string;
  name: string;
  avatarUrl: string | null;
}
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (v: bigint) => Number(v);
const moneyOrNull = (v: bigint | null) => (v === null ? null : Number(v));

export interface AuctionRow {
  id: string;
  title: string;
  description: string | null;
  categoryId: string | null;
  imageUrl: string | null;
  status: string;
  startsAt: Date | null;
  expiresAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  owner: UserRow;
}
export const toAuction = (a: AuctionRow): Auction => ({
  id: a.id,
  owner: toPublicUser(a.owner),
  title: a.title,
  description: a.description,
  categoryId: a.categoryId,
  imageUrl: a.imageUrl,
  status: a.status as AuctionStatus,
  startsAt: iso(a.startsAt),
  expiresAt: iso(a.expiresAt),
  startedAt: iso(a.startedAt),
  endedAt: iso(a.endedAt),
  createdAt: a.createdAt.toISOString(),
});

export interface LotRow {
  id: string;
  auctionId: string;
  product: string;
  description: string | null;
  weight: number | null;
  startingPrice: bigint;
  minIncrement: bigint;
  marketPrice: bigint | null;
  status: string;
  highestBid: bigint | null;
  bidCount: number;
  endsAt: Date | null;
  openedAt: Date;
  closedAt: Date | null;
}
export const toLot = (l: LotRow): Lot => ({
  id: l.id,
  auctionId: l.auctionId,
  product: l.product,
  description: l.description,
  weight: l.weight,
  startingPrice: money(l.startingPrice),
  minIncrement: money(l.minIncrement),
  marketPrice: moneyOrNull(l.marketPrice),
  status: l.status as LotStatus,
  highestBid: moneyOrNull(l.highestBid),
  bidCount: l.bidCount,
  endsAt: iso(l.endsAt),
  openedAt: l.openedAt.toISOString(),
  closedAt: iso(l.closedAt),
});

/** The lot as the pure bid rule sees it. */
export const lotFacts = (l: LotRow) => ({
  status: l.status,
  highestBid: moneyOrNull(l.highestBid),
  startingPrice: money(l.startingPrice),
  minIncrement: money(l.minIncrement),
  endsAt: l.endsAt,
});

export interface BidRow {
  id: string;
  auctionId: string;
  lotId: string;
  amount: bigint;
  auto: boolean;
  createdAt: Date;
  user: UserRow;
}
/** A bid's public shape: never its bidder's maximum. */
export const toBid = (b: BidRow): Bid => ({
  id: b.id,
  auctionId: b.auctionId,
  lotId: b.lotId,
  user: toPublicUser(b.user),
  amount: money(b.amount),
  auto: b.auto,
  createdAt: b.createdAt.toISOString(),
});

export interface CommentRow {
  id: string;
  auctionId: string;
  text: string;
  createdAt: Date;
  user: UserRow;
}
export const toComment = (c: CommentRow): Comment => ({
  id: c.id,
  auctionId: c.auctionId,
  user: toPublicUser(c.user),
  text: c.text,
  createdAt: c.createdAt.toISOString(),
});

export interface WinningRow {
  id: string;
  userId: string;
  auctionId: string;
  lotId: string;
  product: string;
  price: bigint;
  weight: number | null;
  createdAt: Date;
}
export const toWinning = (w: WinningRow): Winning => ({
  id: w.id,
  userId: w.userId,
  auctionId: w.auctionId,
  lotId: w.lotId,
  product: w.product,
  price: money(w.price),
  weight: w.weight,
  createdAt: w.createdAt.toISOString(),
});

/** Only public user fields leave the server: select exactly these. */
export const publicUserSelect = { select: { id: true, name: true, avatarUrl: true } } as const;
