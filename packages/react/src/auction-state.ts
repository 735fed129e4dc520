// The state of one live auction as a pure reducer: the joinAuction snapshot, then every room event on top.
// Replayed events (after a reconnection) go through the same path as live ones, so the screen converges.
import type { Auction, AuctionSnapshot, Bid, BidwireError, Comment, EventName, EventPayload, Lot, PublicUser } from '@bidwire/sdk';

/** The outcome of the last lot that closed (sold: winner and winning bid; unsold: nulls). */
export interface ClosedLot {
  lot: Lot;
  winningBid: Bid | null;
  winner: PublicUser | null;
}

export type AuctionStatus =
  /** Joining, or waiting for the connection. */
  | 'loading'
  /** In the room: live events arrive. */
  | 'joined'
  /** The auction exists but cannot be joined (scheduled, ended, canceled): `auction` is its REST view. */
  | 'not-live'
  | 'error';

export interface AuctionState {
  auctionId: string | null;
  status: AuctionStatus;
  /** Why the auction could not be shown (status `error`), or why the last join failed. */
  error: BidwireError | null;
  auction: Auction | null;
  /** The open lot, or the last one that closed until the next opens. */
  lot: Lot | null;
  /** Bids on `lot`, highest (newest) first. */
  recentBids: Bid[];
  /** Newest first. */
  recentComments: Comment[];
  viewerCount: number;
  broadcasterPresent: boolean;
  lastClosed: ClosedLot | null;
  /** The message of `auctionCanceled`, once canceled. */
  canceledMessage: string | null;
  /** My highest bid on `lot` as far as this client knows. */
  myTopBid: number | null;
  /**
   * My standing maximum (proxy bid) on `lot`: private to me, from my `placeBid` acks and my snapshot
   * (`myMaxBid`, SPEC §3 maximum bids). Null when I have none.
   */
  myMaxBid: number | null;
  /** The lot's highest bid when the server last told me I was outbid on `lot` (`outbid`, my user room). */
  outbidAt: number | null;
}

export const MAX_KEPT = 100;

export const initialAuctionState = (auctionId: string | null): AuctionState => ({
  auctionId,
  status: 'loading',
  error: null,
  auction: null,
  lot: null,
  recentBids: [],
  recentComments: [],
  viewerCount: 0,
  broadcasterPresent: false,
  lastClosed: null,
  canceledMessage: null,
  myTopBid: null,
  myMaxBid: null,
  outbidAt: null,
});

/** The room events useAuction listens to (plus the global auctionStarted, and `outbid` from my user room). */
export const AUCTION_EVENTS = [
  'auctionStarted',
  'viewerCountChanged',
  'lotOpened',
  'bidPlaced',
  'lotExtended',
  'commentPosted',
  'lotClosed',
  'auctionEnded',
  'auctionCanceled',
  'broadcasterJoined',
  'broadcasterLeft',
  'outbid',
] as const satisfies readonly EventName[];
export type AuctionEventName = (typeof AUCTION_EVENTS)[number];

/** One auction event with its payload, narrowed by `name`. */
export type AuctionEvent = { [K in AuctionEventName]: { name: K; payload: EventPayload<K> } }[AuctionEventName];

type AuctionEventAction = { [K in AuctionEventName]: { type: 'event'; name: K; payload: EventPayload<K>; me: string | null } }[AuctionEventName];

export type AuctionAction =
  | { type: 'reset'; auctionId: string | null }
  | { type: 'snapshot'; snapshot: AuctionSnapshot; me: string | null }
  | { type: 'notLive'; auction: Auction }
  | { type: 'failed'; error: BidwireError }
  | { type: 'bidAccepted'; bid: Bid; lot: Lot; myMaxBid: number | null; me: string | null }
  | { type: 'commentAccepted'; comment: Comment }
  | AuctionEventAction;

export function auctionReducer(state: AuctionState, action: AuctionAction): AuctionState {
  switch (action.type) {
    case 'reset':
      return initialAuctionState(action.auctionId);
    case 'snapshot':
      return fromSnapshot(state, action.snapshot, action.me);
    case 'notLive':
      return { ...state, status: 'not-live', error: null, auction: action.auction };
    case 'failed':
      return { ...state, status: state.auction ? state.status : 'error', error: action.error };
    case 'bidAccepted': {
      const next = withBid(state, action.bid, action.lot.bidCount, action.lot.highestBid, action.me);
      const sameLot = next.lot?.id === action.lot.id;
      const lot = sameLot && action.lot.bidCount >= next.lot!.bidCount ? action.lot : next.lot;
      // The ack's lot includes the automatic bid my bid caused; an `outbid` that came before it still stands.
      return { ...next, lot, myMaxBid: sameLot ? (action.myMaxBid ?? next.myMaxBid) : next.myMaxBid };
    }
    case 'commentAccepted':
      return withComment(state, action.comment);
    case 'event':
      return onEvent(state, action);
  }
}

function fromSnapshot(state: AuctionState, s: AuctionSnapshot, me: string | null): AuctionState {
  const recentBids = sortBids(s.recentBids);
  const sameLot = state.lot !== null && state.lot.id === s.lot?.id;
  const mine = recentBids.filter((b) => b.user.id === me).map((b) => b.amount);
  return {
    ...state,
    status: 'joined',
    error: null,
    auction: s.auction,
    lot: s.lot,
    recentBids,
    recentComments: s.recentComments.slice(0, MAX_KEPT),
    viewerCount: s.viewerCount,
    broadcasterPresent: s.broadcasterPresent,
    lastClosed: sameLot ? state.lastClosed : null,
    canceledMessage: s.auction.status === 'canceled' ? state.canceledMessage : null,
    myTopBid: max(mine.length > 0 ? Math.max(...mine) : null, sameLot ? state.myTopBid : null),
    myMaxBid: s.myMaxBid,
    outbidAt: sameLot ? state.outbidAt : null,
  };
}

function onEvent(state: AuctionState, action: AuctionEventAction): AuctionState {
  switch (action.name) {
    case 'auctionStarted':
      return { ...state, auction: action.payload.auction };
    case 'viewerCountChanged':
      return { ...state, viewerCount: action.payload.viewerCount };
    case 'lotOpened':
      return { ...state, lot: action.payload.lot, recentBids: [], lastClosed: null, myTopBid: null, myMaxBid: null, outbidAt: null };
    case 'bidPlaced': {
      const e = action.payload;
      if (state.lot?.id !== e.lotId) return state;
      return withBid(state, e.bid, e.bidCount, e.highestBid, action.me);
    }
    case 'lotExtended':
      return state.lot?.id === action.payload.lotId ? { ...state, lot: { ...state.lot, endsAt: action.payload.endsAt } } : state;
    case 'commentPosted':
      return withComment(state, action.payload.comment);
    case 'lotClosed': {
      const { lot, winningBid, winner } = action.payload;
      const recentBids = state.lot?.id === lot.id ? state.recentBids : [];
      return {
        ...state,
        lot,
        recentBids: winningBid && !recentBids.some((b) => b.id === winningBid.id) ? sortBids([winningBid, ...recentBids]) : recentBids,
        lastClosed: { lot, winningBid, winner },
      };
    }
    case 'auctionEnded':
      return { ...state, auction: action.payload.auction };
    case 'auctionCanceled':
      return {
        ...state,
        auction: state.auction ? { ...state.auction, status: 'canceled' } : null,
        canceledMessage: action.payload.message,
      };
    case 'broadcasterJoined':
      return { ...state, broadcasterPresent: true };
    case 'broadcasterLeft':
      return { ...state, broadcasterPresent: false };
    case 'outbid': {
      const e = action.payload;
      if (state.lot?.id !== e.lotId) return state;
      return { ...state, outbidAt: e.highestBid, lot: e.highestBid > (state.lot.highestBid ?? 0) ? { ...state.lot, highestBid: e.highestBid } : state.lot };
    }
  }
}

/** Adds a bid of the current lot (once) and moves the lot's summary forward, never back. */
function withBid(state: AuctionState, bid: Bid, bidCount: number, highestBid: number | null, me: string | null): AuctionState {
  if (!state.lot || state.lot.id !== bid.lotId) return state;
  const known = state.recentBids.some((b) => b.id === bid.id);
  const recentBids = known ? state.recentBids : sortBids([bid, ...state.recentBids]);
  const forward = bidCount >= state.lot.bidCount;
  const lot = forward ? { ...state.lot, bidCount, highestBid } : state.lot;
  const myTopBid = bid.user.id === me ? max(state.myTopBid, bid.amount) : state.myTopBid;
  return { ...state, lot, recentBids, myTopBid };
}

function withComment(state: AuctionState, comment: Comment): AuctionState {
  if (state.recentComments.some((c) => c.id === comment.id)) return state;
  // Newest first by time: my ack can come before the events of comments posted just earlier.
  const recentComments = [comment, ...state.recentComments].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return { ...state, recentComments: recentComments.slice(0, MAX_KEPT) };
}

/** Highest first; among equal amounts (an automatic bid matching its trigger) the newer first. */
function sortBids(bids: readonly Bid[]): Bid[] {
  return [...bids]
    .sort((a, b) => b.amount - a.amount || Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, MAX_KEPT);
}

const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
