// useAuction(auctionId): joins the auction room and keeps its state — lot, bids, comments, viewers,
// broadcaster, whether I lead, my maximum — correct through reconnections (the SDK rejoins and replays what was
// missed, or hands over a fresh snapshot). Leaves the room when the last component using it unmounts.
import {
  BidwireError,
  type Auction,
  type AuctionSnapshot,
  type Bid,
  type Comment,
  type EventPayload,
  type Lot,
  type RoomSnapshot,
} from '@bidwire/sdk';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { AUCTION_EVENTS, auctionReducer, initialAuctionState, type AuctionEvent, type AuctionEventName, type AuctionState } from './auction-state.js';
import { minimumNextBid } from './bid-rules.js';
import { asBidwireError } from './errors.js';
import { onConnected } from './on-connected.js';
import { leaseRoom } from './room-leases.js';
import { useBidwireClient, useBidwireRest, useBidwireUser } from './use-bidwire.js';

export interface UseAuctionOptions {
  /**
   * Called for every auction event after the state took it in (`event.name` narrows `event.payload`).
   * `payload.replayed` is true for events missed during a disconnection: update silently, skip sounds and toasts.
   */
  onEvent?: (event: AuctionEvent) => void;
}

export interface PlaceBidArgs {
  amount: number;
  /** The most I will pay: the server then bids for me, only as much as needed to keep the lead (≥ amount). */
  maxAmount?: number;
}

export interface AuctionView extends AuctionState {
  /** The signed-in user owns the auction (runs the console, cannot bid). */
  isOwner: boolean;
  /** My bid is the highest on the open lot. */
  leading: boolean;
  /** I bid on the open lot (or the server told me I was outbid on it) and someone else leads now. */
  outbid: boolean;
  /** I won the last closed lot. */
  won: boolean;
  /** The smallest bid the server accepts now, or null when no lot is open. */
  minimumBid: number | null;
  /**
   * Bids on the open lot, optionally with a maximum; resolves with the accepted bid, the lot after it (the
   * automatic bid it caused included) and my standing maximum; rejects with a BidwireError (e.g. BID_TOO_LOW).
   */
  placeBid(args: PlaceBidArgs): Promise<{ bid: Bid; lot: Lot; myMaxBid: number }>;
  /** The leader raises their maximum (a bid of the current highest with `maxAmount`): no bid is recorded. */
  raiseMaximum(maxAmount: number): Promise<{ bid: Bid; lot: Lot; myMaxBid: number }>;
  postComment(text: string): Promise<Comment>;
  /** Joins again now (e.g. after an error, or for an owner resuming the broadcast). */
  rejoin(): Promise<void>;
}

export function useAuction(auctionId: string | null | undefined, options: UseAuctionOptions = {}): AuctionView {
  const client = useBidwireClient();
  const rest = useBidwireRest();
  const me = useBidwireUser()?.id ?? null;
  const id = auctionId ?? null;
  const [state, dispatch] = useReducer(auctionReducer, id, initialAuctionState);
  const onEventRef = useRef(options.onEvent);
  onEventRef.current = options.onEvent;
  const meRef = useRef(me);
  meRef.current = me;
  const joinRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    dispatch({ type: 'reset', auctionId: id });
    if (!id) return;
    let active = true;
    let joined = false;
    let joining = false;
    const lease = leaseRoom(client, `auction:${id}`, () => void client.leaveAuction({ auctionId: id }).catch(() => undefined));

    const offs = AUCTION_EVENTS.map((name) =>
      client.on(name, (payload: EventPayload<typeof name>) => {
        if (!active || auctionIdOf(name, payload) !== id) return;
        dispatch({ type: 'event', name, payload, me: meRef.current } as Parameters<typeof dispatch>[0]);
        // An auction that goes live while we look at it: get into its room.
        if (name === 'auctionStarted' && !joined) void join();
        onEventRef.current?.({ name, payload } as AuctionEvent);
      }),
    );
    // The gap after a drop was older than the server keeps: the room's state comes whole.
    offs.push(
      client.onSnapshot((room, snapshot) => {
        if (active && room.type === 'auction' && room.id === id && isAuctionSnapshot(snapshot)) {
          dispatch({ type: 'snapshot', snapshot, me: meRef.current });
        }
      }),
    );

    const join = async (): Promise<void> => {
      if (joining) return;
      joining = true;
      try {
        const request = client.joinAuction({ auctionId: id });
        lease.track(request);
        const snapshot = await request;
        joined = true;
        if (!active) return;
        dispatch({ type: 'snapshot', snapshot, me: meRef.current });
      } catch (error) {
        if (!active) return;
        const e = asBidwireError(error, 'joinAuction');
        if (e.code === 'INVALID_STATE') await showNotLive(rest, id, e, (a) => active && dispatch(a));
        // Offline: the join is tried again when the connection comes back (below).
        else dispatch({ type: 'failed', error: e });
      } finally {
        joining = false;
      }
    };
    joinRef.current = join;
    offs.push(
      onConnected(client, () => {
        if (active && !joined) void join();
      }),
    );
    void join();

    return () => {
      active = false;
      for (const off of offs) off();
      lease.release();
    };
  }, [client, rest, id]);

  const placeBid = useCallback(
    async ({ amount, maxAmount }: PlaceBidArgs) => {
      if (!id) throw noAuction('placeBid');
      const result = await client.placeBid({ auctionId: id, amount, ...(maxAmount !== undefined ? { maxAmount } : {}) });
      dispatch({ type: 'bidAccepted', bid: result.bid, lot: result.lot, myMaxBid: result.myMaxBid, me: meRef.current });
      return result;
    },
    [client, id],
  );

  const lotRef = useRef(state.lot);
  lotRef.current = state.lot;
  const raiseMaximum = useCallback(
    (maxAmount: number) => {
      const highest = lotRef.current?.highestBid;
      if (highest === null || highest === undefined) return Promise.reject(new BidwireError({ code: 'INVALID_STATE', command: 'placeBid', message: 'There is no bid to raise the maximum of yet.' }));
      return placeBid({ amount: highest, maxAmount });
    },
    [placeBid],
  );

  const postComment = useCallback(
    async (text: string) => {
      if (!id) throw noAuction('postComment');
      const { comment } = await client.postComment({ auctionId: id, text });
      dispatch({ type: 'commentAccepted', comment });
      return comment;
    },
    [client, id],
  );

  const rejoin = useCallback(() => joinRef.current(), []);

  return useMemo(() => {
    const open = state.lot?.status === 'open';
    const leading = open && me !== null && state.recentBids[0]?.user.id === me;
    return {
      ...state,
      isOwner: me !== null && state.auction?.owner.id === me,
      leading,
      outbid: open && !leading && (state.myTopBid !== null || state.myMaxBid !== null || state.outbidAt !== null),
      won: me !== null && state.lastClosed?.winner?.id === me,
      minimumBid: minimumNextBid(state.lot),
      placeBid,
      raiseMaximum,
      postComment,
      rejoin,
    };
  }, [state, me, placeBid, raiseMaximum, postComment, rejoin]);
}

function auctionIdOf(name: AuctionEventName, payload: unknown): string | undefined {
  if (name === 'auctionStarted') return (payload as { auction: Auction }).auction.id;
  return (payload as { auctionId: string }).auctionId;
}

const isAuctionSnapshot = (s: RoomSnapshot): s is AuctionSnapshot => 'auction' in s && 'recentBids' in s;

/** A scheduled, ended or canceled auction cannot be joined: show it from REST instead. */
async function showNotLive(
  rest: ReturnType<typeof useBidwireRest>,
  id: string,
  joinError: BidwireError,
  dispatch: (a: Parameters<typeof auctionReducer>[1]) => void,
) {
  try {
    dispatch({ type: 'notLive', auction: await rest.getAuction({ params: { id } }) });
  } catch (error) {
    dispatch({ type: 'failed', error: error instanceof BidwireError ? error : joinError });
  }
}

const noAuction = (command: string) => new BidwireError({ code: 'VALIDATION_FAILED', command, message: 'No auction is selected.' });
