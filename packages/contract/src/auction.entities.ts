// The public shapes of the live-auction domain: what clients see of auctions, lots, bids and comments.
import * as z from 'zod';
import { Id, Money, PublicUser, Timestamp } from './shared.js';

export const AuctionStatus = z.enum(['scheduled', 'live', 'ended', 'canceled']);
export type AuctionStatus = z.infer<typeof AuctionStatus>;

export const LotStatus = z.enum(['open', 'sold', 'unsold']);
export type LotStatus = z.infer<typeof LotStatus>;

export const Auction = z.object({
  id: Id,
  owner: PublicUser,
  title: z.string(),
  description: z.string().nullable(),
  categoryId: Id.nullable(),
  imageUrl: z.string().nullable(),
  status: AuctionStatus,
  startsAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Auction = z.infer<typeof Auction>;

export const Lot = z.object({
  id: Id,
  auctionId: Id,
  product: z.string(),
  description: z.string().nullable(),
  weight: z.number().nullable(),
  startingPrice: Money,
  minIncrement: Money,
  marketPrice: Money.nullable(),
  status: LotStatus,
  highestBid: Money.nullable(),
  bidCount: z.int().nonnegative(),
  endsAt: Timestamp.nullable(),
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
});
export type Lot = z.infer<typeof Lot>;

export const Bid = z.object({
  id: Id,
  auctionId: Id,
  lotId: Id,
  user: PublicUser,
  amount: Money,
  /** Placed by the server for a maximum (proxy) bid. */
  auto: z.boolean(),
  createdAt: Timestamp,
});
export type Bid = z.infer<typeof Bid>;

export const Comment = z.object({
  id: Id,
  auctionId: Id,
  user: PublicUser,
  text: z.string(),
  createdAt: Timestamp,
});
export type Comment = z.infer<typeof Comment>;

export const Winning = z.object({
  id: Id,
  userId: Id,
  auctionId: Id,
  lotId: Id,
  product: z.string(),
  price: Money,
  weight: z.number().nullable(),
  createdAt: Timestamp,
});
export type Winning = z.infer<typeof Winning>;

export const Category = z.object({ id: Id, name: z.string() });
export type Category = z.infer<typeof Category>;

/** What `joinAuction` (and a resync of an auction room) answers: the room's state up to `seq`. */
export const AuctionSnapshot = z.object({
  auction: Auction,
  lot: Lot.nullable(),
  /** Newest first, at most 50, of the open lot. */
  recentBids: z.array(Bid),
  /** Newest first, at most 50. */
  recentComments: z.array(Comment),
  viewerCount: z.int().nonnegative(),
  broadcasterPresent: z.boolean(),
  /** Your standing maximum on the open lot (private: only in your own snapshot); null without one. */
  myMaxBid: Money.nullable(),
  /** The room's last event reflected here; the next room event has `seq + 1`. */
  seq: z.int().nonnegative(),
  /** Server clock in ms since epoch, as in `timeSync`. */
  serverTime: z.number(),
});
export type AuctionSnapshot = z.infer<typeof AuctionSnapshot>;
