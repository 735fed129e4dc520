// Live auctions (SPEC §3): the commands a client sends and the events the auction room receives.
import * as z from 'zod';
import { command, event } from './define.js';
import { Id, Money, PublicUser, RequestId, RoomEventMeta, Timestamp } from './shared.js';
import { Auction, AuctionSnapshot, Bid, Comment, Lot, Winning } from './auction.entities.js';

const AuctionRef = z.object({ auctionId: Id });
const Empty = z.object({});

export const OpenLotInput = z.object({
  auctionId: Id,
  product: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** Weight of the goods (free unit, e.g. kg). */
  weight: z.number().positive().max(1e9).optional(),
  startingPrice: Money,
  minIncrement: Money.default(1),
  marketPrice: Money.optional(),
  /** Makes a timed lot: the server awards it by itself after this many ms. */
  durationMs: z.int().min(1_000).max(7 * 24 * 3600 * 1000).optional(),
  /** Anti-sniping window for timed lots (default 10 s). */
  softCloseMs: z.int().min(0).max(3600 * 1000).optional(),
});

export const PlaceBidInput = z
  .object({
    auctionId: Id,
    amount: Money,
    /** The most you will pay: the server bids for you, only as much as needed to keep the lead (≥ amount). */
    maxAmount: Money.optional(),
    requestId: RequestId.optional(),
  })
  .refine((v) => v.maxAmount === undefined || v.maxAmount >= v.amount, {
    message: 'maxAmount must be at least amount.',
    path: ['maxAmount'],
  });
export const PostCommentInput = z.object({
  auctionId: Id,
  text: z.string().trim().min(1).max(500),
  requestId: RequestId.optional(),
});

export const AwardResult = z.object({
  lot: Lot,
  winningBid: Bid.nullable(),
  winner: PublicUser.nullable(),
  winning: Winning.nullable(),
});

export const auctionCommands = {
  startAuction: command({
    description: 'Owner starts a scheduled auction; every connected socket receives auctionStarted.',
    request: AuctionRef,
    response: z.object({ auction: Auction }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  joinAuction: command({
    description: 'Join a live auction room; answers the snapshot.',
    request: AuctionRef,
    joins: { room: 'auction', idField: 'auctionId' },
    response: AuctionSnapshot,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  }),
  leaveAuction: command({
    description: 'Leave an auction room.',
    request: AuctionRef,
    leaves: { room: 'auction', idField: 'auctionId' },
    response: Empty,
    errors: ['NOT_FOUND'],
  }),
  openLot: command({
    description: 'Owner opens the next lot of a live auction (at most one open at a time).',
    request: OpenLotInput,
    response: z.object({ lot: Lot }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  placeBid: command({
    description:
      'Bid on the open lot, optionally with a maximum the server bids up to for you; the check against the highest bid and the write are one atomic step. The leader raises their maximum with amount = the current highest: no bid, no broadcast.',
    request: PlaceBidInput,
    /** `lot` is the lot after the step (the automatic bid it caused included); `myMaxBid` is your standing maximum. */
    response: z.object({ bid: Bid, lot: Lot, myMaxBid: Money }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'BID_TOO_LOW', 'CONFLICT'],
  }),
  postComment: command({
    description: 'Post a comment to the auction room.',
    request: PostCommentInput,
    response: z.object({ comment: Comment }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'CONFLICT'],
  }),
  awardLot: command({
    description: 'Owner closes the open lot: the highest bid wins (nulls when there was no bid).',
    request: AuctionRef,
    response: AwardResult,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  endAuction: command({
    description: 'Owner ends a live auction; an open lot closes unsold.',
    request: AuctionRef,
    response: z.object({ auction: Auction }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  cancelAuction: command({
    description: 'Owner cancels a live auction.',
    request: AuctionRef,
    response: z.object({ auction: Auction }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  leaveBroadcast: command({
    description: 'Owner stops broadcasting; the room receives broadcasterLeft.',
    request: AuctionRef,
    response: Empty,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
} as const;

const roomEvent = <T extends z.ZodRawShape>(shape: T) => RoomEventMeta.extend(shape);
/** Every durable auction event carries the room's `seq`; its id is the payload's `auctionId`. */
const inAuctionRoom = { room: 'auction', idField: 'auctionId' } as const;

export const auctionEvents = {
  auctionStarted: event({
    scope: 'global',
    description: 'An auction went live (to every connected socket).',
    payload: z.object({ auction: Auction }),
  }),
  viewerCountChanged: event({
    scope: 'ephemeral',
    description: 'Distinct signed-in users in the room; at most once per second per room.',
    audience: 'Every socket in the auction room (joined with joinAuction); no seq.',
    payload: z.object({ auctionId: Id, viewerCount: z.int().nonnegative() }),
  }),
  lotOpened: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The owner opened a lot.',
    payload: roomEvent({ auctionId: Id, lot: Lot }),
  }),
  bidPlaced: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'A bid was accepted; carries the lot summary, never the bid list.',
    payload: roomEvent({ auctionId: Id, lotId: Id, bid: Bid, highestBid: Money, bidCount: z.int().positive() }),
  }),
  outbid: event({
    scope: 'room',
    room: { room: 'user' },
    description: 'You led the lot, or just bid on it, and someone else leads now (to your user room, durable there).',
    payload: roomEvent({ auctionId: Id, lotId: Id, highestBid: Money }),
  }),
  lotExtended: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'A bid inside the soft-close window pushed the timed lot’s end.',
    payload: roomEvent({ auctionId: Id, lotId: Id, endsAt: Timestamp }),
  }),
  commentPosted: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'A comment was posted.',
    payload: roomEvent({ auctionId: Id, comment: Comment }),
  }),
  lotClosed: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The open lot closed: sold to the winner, or unsold (nulls).',
    payload: roomEvent({ auctionId: Id, lot: Lot, winningBid: Bid.nullable(), winner: PublicUser.nullable() }),
  }),
  auctionEnded: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The owner ended the auction.',
    payload: roomEvent({ auctionId: Id, auction: Auction }),
  }),
  auctionCanceled: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The owner canceled the auction.',
    payload: roomEvent({ auctionId: Id, message: z.string() }),
  }),
  broadcasterJoined: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The owner (re)joined the room.',
    payload: roomEvent({ auctionId: Id }),
  }),
  broadcasterLeft: event({
    scope: 'room',
    room: inAuctionRoom,
    description: 'The owner left the broadcast (command, last socket left, or disconnect).',
    payload: roomEvent({ auctionId: Id }),
  }),
} as const;
