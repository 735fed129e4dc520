// useGame(gameId): takes a seat in an auction game (SPEC §8) and keeps its state — players, the round, the
// sale, bids, the countdown, my money and inventory, results and the final leaderboard — correct through
// reconnections (the SDK rejoins the game room and replays what was missed, or hands over a snapshot).
import {
  BidwireError,
  type Game,
  type GameBid,
  type GamePlayer,
  type GameSnapshot,
  type Inventory,
  type PublicUser,
  type RoomSnapshot,
  type Sale,
} from '@bidwire/sdk';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { asBidwireError } from './errors.js';
import { GAME_EVENTS, gameReducer, initialGameState, type GameAction, type GameEvent, type GameState, type RoundResult } from './game-state.js';
import { onConnected } from './on-connected.js';
import { useBidwireClient, useBidwireRest, useBidwireUser } from './use-bidwire.js';
import { useCountdown, type Countdown } from './use-countdown.js';

export interface UseGameOptions {
  /**
   * Called for every game event after the state took it in (`event.name` narrows `event.payload`).
   * `payload.replayed` is true for events missed during a disconnection: update silently, skip sounds and toasts.
   */
  onEvent?: (event: GameEvent) => void;
}

export interface GameView extends GameState {
  /** My entry among the players, or null. */
  me: GamePlayer | null;
  /** I take part in the game (a player who was not removed). */
  isPlayer: boolean;
  /** I created the game (only the creator starts it). */
  isCreator: boolean;
  /** The seller of the current round, or null between rounds. */
  seller: PublicUser | null;
  /** It is my turn to sell (phase `selling`, I am the round's seller). */
  canSell: boolean;
  /** I may bid now (phase `bidding`, a player, not the seller, before the end). */
  canBid: boolean;
  /** The smallest bid the server accepts now (highest + 1, or 1), or null when nobody can bid. */
  minimumBid: number | null;
  /** The most I can bid: my money. */
  maximumBid: number | null;
  /** Lobby: every player is ready and there are at least two. */
  allReady: boolean;
  /** Lobby: I am the creator and the game can start now. */
  canStart: boolean;
  /** Time left in the current phase (selling, then bidding), on the server's clock. */
  countdown: Countdown;
  /** The last round's result (`results[0]`), or null. */
  lastResult: RoundResult | null;
  /** A player's name by id ('?' when unknown). */
  nameOf(playerId: string | null | undefined): string;
  /** Lobby: says I am ready (or not). */
  setReady(ready: boolean): Promise<void>;
  /** The creator starts the game (all players ready, at least two). */
  start(): Promise<Game>;
  /** The round's seller puts up a bundle; its items stay secret until the round ends (`mySale` has them). */
  sell(items: Inventory): Promise<Sale>;
  /** Bids on the round's bundle: at least `minimumBid`, at most my money. */
  bid(amount: number): Promise<GameBid>;
  /** Leaves the game: in the lobby I am no longer a player; in a running game I am removed (holdings kept). */
  leave(): Promise<void>;
  /** Joins again now (e.g. after an error). */
  rejoin(): Promise<void>;
}

/**
 * Opening a game takes a seat in it: `joinGame` makes you a player while the game is in its lobby (and is
 * how a player rejoins later). A game that started or ended without you, or a full one, shows from REST
 * with status `not-joinable` and the server's reason in `error`.
 *
 * Unmounting does not leave the game room: the contract has no way to leave the room without leaving the
 * game (`leaveGame` removes a player from a running game), and a player looking at another screen of the app
 * is still at the table. `leave()` is the explicit way out.
 */
export function useGame(gameId: string | null | undefined, options: UseGameOptions = {}): GameView {
  const client = useBidwireClient();
  const rest = useBidwireRest();
  const myId = useBidwireUser()?.id ?? null;
  const id = gameId ?? null;
  const [state, dispatch] = useReducer(gameReducer, id, initialGameState);
  const onEventRef = useRef(options.onEvent);
  onEventRef.current = options.onEvent;
  const joinRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    dispatch({ type: 'reset', gameId: id });
    if (!id) return;
    let active = true;
    let joining = false;
    let standingsAsked = false;
    const apply = (action: GameAction) => active && dispatch(action);

    const offs = GAME_EVENTS.map((name) =>
      client.on(name, (payload) => {
        if (!active || payload.gameId !== id) return;
        dispatch({ type: 'event', name, payload } as GameAction);
        onEventRef.current?.({ name, payload } as GameEvent);
      }),
    );
    // The gap after a drop was older than the server keeps: the game's state comes whole.
    offs.push(
      client.onSnapshot((room, snapshot) => {
        if (active && room.type === 'game' && room.id === id && isGameSnapshot(snapshot)) showSnapshot(snapshot);
      }),
    );

    const showSnapshot = (snapshot: GameSnapshot) => {
      apply({ type: 'snapshot', snapshot });
      if (snapshot.game.status === 'ended') void loadStandings(snapshot.seq);
    };

    /**
     * Neither the snapshot nor GET /games/:id carries the leaderboard of an ended game: after a reload it
     * is read from the room's last event (`gameEnded`) with a resync.
     */
    const loadStandings = async (seq: number) => {
      if (standingsAsked || seq === 0) return;
      standingsAsked = true;
      try {
        const answer = await client.resync({ room: { type: 'game', id }, afterSeq: seq - 1 });
        const ended = 'events' in answer ? answer.events.find((e) => e.event === 'gameEnded') : undefined;
        if (ended) apply({ type: 'standings', payload: ended.payload as never });
      } catch {
        standingsAsked = false; // tried again with the next snapshot
      }
    };

    let joined = false;
    /** `whole`: show the snapshot whole (first join, or asked); else only who is connected. */
    const join = async (whole: boolean): Promise<void> => {
      if (joining) return;
      joining = true;
      const again = joined && !whole;
      try {
        const snapshot = await client.joinGame({ gameId: id });
        if (!active) return;
        joined = true;
        // Back after a drop, the SDK replays the durable events missed: take only who is connected from this
        // answer (playerConnected/Disconnected are live only, never replayed).
        if (again) apply({ type: 'connections', players: snapshot.players });
        else showSnapshot(snapshot);
      } catch (error) {
        if (!active) return;
        const e = asBidwireError(error, 'joinGame');
        // Started or ended without me, or full: show the game as REST has it, with the reason.
        if (e.code === 'INVALID_STATE') await showNotJoinable(rest, id, e, apply);
        // Offline: the join is tried again when the connection comes back (below).
        else if (e.code !== 'DISCONNECTED') apply({ type: 'failed', error: e });
      } finally {
        joining = false;
      }
    };
    joinRef.current = () => join(true);
    offs.push(onConnected(client, () => void (active && join(false))));
    void join(true);

    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, [client, rest, id]);

  const setReady = useCallback(
    async (ready: boolean) => {
      await client.setReady({ gameId: need(id, 'setReady'), ready });
    },
    [client, id],
  );

  const start = useCallback(async () => (await client.startGame({ gameId: need(id, 'startGame') })).game, [client, id]);

  const sell = useCallback(
    async (items: Inventory) => {
      const { sale } = await client.sell({ gameId: need(id, 'sell'), items });
      dispatch({ type: 'sold', sale });
      return sale;
    },
    [client, id],
  );

  const bid = useCallback(
    async (amount: number) => {
      // The SDK gives the bid a requestId, so a retry after a dropped connection cannot bid twice.
      const { bid: accepted } = await client.gameBid({ gameId: need(id, 'gameBid'), amount });
      dispatch({ type: 'bidAccepted', bid: accepted });
      return accepted;
    },
    [client, id],
  );

  const leave = useCallback(async () => {
    await client.leaveGame({ gameId: need(id, 'leaveGame') });
  }, [client, id]);

  const rejoin = useCallback(() => joinRef.current(), []);
  const countdown = useCountdown(state.game?.endsAt ?? null);

  const derived = useMemo(() => {
    const game = state.game;
    const me = state.players.find((p) => p.player.id === myId) ?? null;
    const isPlayer = me !== null && me.status !== 'removed' && state.status === 'joined';
    const running = game?.status === 'running';
    const sellerId = running ? (game?.sellerId ?? null) : null;
    const bidding = running && game?.phase === 'bidding';
    const canBid = bidding && isPlayer && sellerId !== myId;
    const active = state.players.filter((p) => p.status !== 'removed');
    const allReady = active.length >= 2 && active.every((p) => p.status === 'ready');
    const names = new Map(state.players.map((p) => [p.player.id, p.player.name]));
    if (game) names.set(game.creator.id, game.creator.name);
    return {
      me,
      isPlayer,
      isCreator: game !== null && myId !== null && game.creator.id === myId,
      seller: state.players.find((p) => p.player.id === sellerId)?.player ?? null,
      canSell: running && game?.phase === 'selling' && isPlayer && sellerId === myId,
      canBid,
      minimumBid: bidding ? (game?.highestBid?.amount ?? 0) + 1 : null,
      maximumBid: state.you?.money ?? null,
      allReady,
      canStart: game?.status === 'lobby' && game.creator.id === myId && allReady,
      lastResult: state.results[0] ?? null,
      nameOf: (playerId: string | null | undefined) => (playerId ? (names.get(playerId) ?? '?') : '?'),
    };
  }, [state, myId]);

  return useMemo(
    // Bidding closes at the end of the countdown, whatever the server's settlement takes.
    () => ({ ...state, ...derived, canBid: derived.canBid && !countdown.ended, countdown, setReady, start, sell, bid, leave, rejoin }),
    [state, derived, countdown, setReady, start, sell, bid, leave, rejoin],
  );
}

const isGameSnapshot = (s: RoomSnapshot): s is GameSnapshot => 'game' in s && 'players' in s;

async function showNotJoinable(rest: ReturnType<typeof useBidwireRest>, id: string, joinError: BidwireError, apply: (a: GameAction) => void) {
  try {
    apply({ type: 'notJoinable', game: await rest.getGame({ params: { id } }), error: joinError });
  } catch (error) {
    apply({ type: 'failed', error: error instanceof BidwireError ? error : joinError });
  }
}

function need(id: string | null, command: string): string {
  if (!id) throw new BidwireError({ code: 'VALIDATION_FAILED', command, message: 'No game is selected.' });
  return id;
}
