// The state of one auction game (SPEC §8) as a pure reducer: the joinGame snapshot, then every event of the
// game room on top, and the player's own holdings from their user room (`playerState`). Replayed events go
// through the same path as live ones; the room's `seq` is kept, so an event already in a snapshot is skipped.
import type {
  BidwireError,
  EventName,
  EventPayload,
  Game,
  GameBid,
  GamePlayer,
  GameSnapshot,
  Holdings,
  Inventory,
  PublicUser,
  Sale,
} from '@bidwire/sdk';

export type GameViewStatus =
  /** Joining, or waiting for the connection. */
  | 'loading'
  /** In the game room (a player): live events arrive. */
  | 'joined'
  /** The game exists but I cannot join it (started or ended without me, or full): `game` is its REST view. */
  | 'not-joinable'
  /** The creator deleted the game. */
  | 'deleted'
  | 'error';

/** One accepted bid of the current round, newest first in `bids`. */
export interface RoundBid {
  playerId: string;
  amount: number;
  at: string;
}

/** How a round ended (`roundEnded`): the bundle revealed, who won it and for how much. */
export interface RoundResult {
  round: number;
  /** null when the seller sold nothing (the round was forfeited). */
  sale: { sellerId: string; items: Inventory; weight: number } | null;
  winnerId: string | null;
  amount: number | null;
}

export interface FinalStanding {
  player: PublicUser;
  money: number;
  inventory: Inventory;
  score: number;
  /** 1 is the highest score; equal scores share a position (1, 1, 3). Null for removed players. */
  position: number | null;
  removed: boolean;
}

export interface GameState {
  gameId: string | null;
  status: GameViewStatus;
  /** Why the game cannot be shown or joined (the server's error), or why the last join failed. */
  error: BidwireError | null;
  game: Game | null;
  /** In join order (the seller queue). */
  players: GamePlayer[];
  /** My money and inventory (only I see them); null when I am not a player. */
  you: Holdings | null;
  /** The game room's last event reflected here. */
  seq: number | null;
  /** Accepted bids of the current round, newest first (after a rejoin: from the highest bid on). */
  bids: RoundBid[];
  /** My sale of the current round, with its items (the others learn them when the round ends). */
  mySale: Sale | null;
  /** Results of the rounds that ended while watching, newest first. */
  results: RoundResult[];
  /** The final leaderboard, once the game ended (positions, then the removed players). */
  standings: FinalStanding[] | null;
}

export const MAX_RESULTS = 200;

export const initialGameState = (gameId: string | null): GameState => ({
  gameId,
  status: 'loading',
  error: null,
  game: null,
  players: [],
  you: null,
  seq: null,
  bids: [],
  mySale: null,
  results: [],
  standings: null,
});

/** The game room's events useGame follows (durable ones carry the room's `seq`). */
export const GAME_ROOM_EVENTS = [
  'playerJoined',
  'playerLeft',
  'playerStatusChanged',
  'gameStarted',
  'roundStarted',
  'saleCreated',
  'gameBidPlaced',
  'roundEnded',
  'gameEnded',
  'gameDeleted',
] as const satisfies readonly EventName[];

/** Live only (no seq): who has a socket in the game room. */
export const GAME_PRESENCE_EVENTS = ['playerConnected', 'playerDisconnected'] as const satisfies readonly EventName[];

/** Everything useGame listens to: the room's events, presence, and my holdings from my user room. */
export const GAME_EVENTS = [...GAME_ROOM_EVENTS, ...GAME_PRESENCE_EVENTS, 'playerState'] as const;
export type GameEventName = (typeof GAME_EVENTS)[number];

/** One game event with its payload, narrowed by `name`. */
export type GameEvent = { [K in GameEventName]: { name: K; payload: EventPayload<K> } }[GameEventName];

type GameEventAction = { [K in GameEventName]: { type: 'event'; name: K; payload: EventPayload<K> } }[GameEventName];

export type GameAction =
  | { type: 'reset'; gameId: string | null }
  | { type: 'snapshot'; snapshot: GameSnapshot }
  | { type: 'notJoinable'; game: Game; error: BidwireError }
  | { type: 'failed'; error: BidwireError }
  /** Who is connected, from a fresh snapshot (the rest comes from the replayed events). */
  | { type: 'connections'; players: GamePlayer[] }
  | { type: 'sold'; sale: Sale }
  | { type: 'bidAccepted'; bid: GameBid }
  | { type: 'standings'; payload: EventPayload<'gameEnded'> }
  | GameEventAction;

export function gameReducer(state: GameState, action: GameAction): GameState {
  switch (action.type) {
    case 'reset':
      return initialGameState(action.gameId);
    case 'snapshot':
      return fromSnapshot(state, action.snapshot);
    case 'notJoinable':
      return { ...state, status: 'not-joinable', game: action.game, error: action.error };
    case 'failed':
      return { ...state, status: state.game ? state.status : 'error', error: action.error };
    case 'connections': {
      const connected = new Map(action.players.map((p) => [p.player.id, p.connected]));
      return { ...state, players: state.players.map((p) => ({ ...p, connected: connected.get(p.player.id) ?? p.connected })) };
    }
    case 'sold':
      return state.game?.round === action.sale.round ? { ...state, mySale: action.sale } : state;
    case 'bidAccepted':
      return withBid(state, action.bid.round, action.bid.playerId, action.bid.amount, action.bid.endsAt, action.bid.createdAt);
    case 'standings':
      return { ...state, standings: standingsOf(action.payload) };
    case 'event':
      return onEvent(state, action);
  }
}

function fromSnapshot(state: GameState, s: GameSnapshot): GameState {
  const sameRound = state.game !== null && state.game.id === s.game.id && state.game.round === s.game.round;
  const highest = s.game.highestBid;
  // The snapshot knows the highest bid only: keep the bids seen of the same round up to it.
  const bids = sameRound ? state.bids.filter((b) => !highest || b.amount <= highest.amount) : [];
  if (highest && !bids.some((b) => b.playerId === highest.playerId && b.amount === highest.amount)) {
    bids.unshift({ playerId: highest.playerId, amount: highest.amount, at: s.game.sale?.endsAt ?? new Date(s.serverTime).toISOString() });
  }
  const deleted = s.game.status === 'deleted';
  return {
    ...state,
    status: deleted ? 'deleted' : 'joined',
    error: null,
    game: s.game,
    players: s.players,
    you: s.you,
    seq: s.seq,
    bids,
    mySale: sameRound && s.game.phase === 'bidding' ? state.mySale : null,
    standings: s.game.status === 'ended' ? state.standings : null,
  };
}

function onEvent(state: GameState, action: GameEventAction): GameState {
  const p = action.payload;
  if (p.gameId !== state.gameId) return state;
  // My holdings come from my user room, whose seq is not the game room's.
  if (action.name === 'playerState') {
    const e = action.payload;
    return { ...state, you: { money: e.money, inventory: e.inventory } };
  }
  if (action.name === 'playerConnected' || action.name === 'playerDisconnected') {
    const connected = action.name === 'playerConnected';
    return { ...state, players: updatePlayer(state.players, action.payload.playerId, (pl) => ({ ...pl, connected })) };
  }
  if (!state.game) return state;
  // A durable event the state already holds (it was in the snapshot, or came twice) changes nothing.
  const seq = (p as { seq: number }).seq;
  if (state.seq !== null && seq <= state.seq) return state;
  const next = applyRoomEvent({ ...state, seq }, state.game, action);
  return next;
}

function applyRoomEvent(state: GameState, game: Game, action: GameEventAction): GameState {
  switch (action.name) {
    case 'playerJoined': {
      const e = action.payload;
      if (state.players.some((pl) => pl.player.id === e.player.id)) return state;
      const player: GamePlayer = {
        player: e.player,
        status: 'waiting',
        // Joining is entering the room: connected until playerDisconnected says otherwise.
        connected: true,
        money: game.startMoney,
        inventoryCount: game.startInventory.reduce((sum, s) => sum + s.quantity, 0),
      };
      return { ...state, players: [...state.players, player], game: { ...game, playerCount: game.playerCount + 1 } };
    }
    case 'playerLeft': {
      const e = action.payload;
      if (e.reason === 'left') {
        const players = state.players.filter((pl) => pl.player.id !== e.playerId);
        return { ...state, players, game: { ...game, playerCount: Math.max(0, game.playerCount - (players.length < state.players.length ? 1 : 0)) } };
      }
      const known = state.players.find((pl) => pl.player.id === e.playerId);
      return {
        ...state,
        players: updatePlayer(state.players, e.playerId, (pl) => ({ ...pl, status: 'removed', connected: false })),
        game: { ...game, playerCount: known && known.status !== 'removed' ? Math.max(0, game.playerCount - 1) : game.playerCount },
      };
    }
    case 'playerStatusChanged': {
      const e = action.payload;
      return { ...state, players: updatePlayer(state.players, e.playerId, (pl) => ({ ...pl, status: e.status })) };
    }
    case 'gameStarted':
      return {
        ...state,
        game: action.payload.game,
        players: state.players.map((pl) => (pl.status === 'removed' ? pl : { ...pl, status: 'playing' })),
      };
    case 'roundStarted': {
      const e = action.payload;
      return {
        ...state,
        game: { ...game, status: 'running', round: e.round, phase: 'selling', sellerId: e.sellerId, sale: null, highestBid: null, endsAt: e.sellEndsAt },
        bids: [],
        mySale: null,
      };
    }
    case 'saleCreated': {
      const e = action.payload;
      if (e.round !== game.round) return state;
      return { ...state, game: { ...game, phase: 'bidding', sale: { sellerId: e.sellerId, weight: e.weight, endsAt: e.endsAt }, endsAt: e.endsAt } };
    }
    case 'gameBidPlaced': {
      const e = action.payload;
      return withBid(state, e.round, e.playerId, e.amount, e.endsAt, e.at);
    }
    case 'roundEnded': {
      const e = action.payload;
      const after = new Map(e.players.map((pl) => [pl.id, pl]));
      const result: RoundResult = { round: e.round, sale: e.sale, winnerId: e.winnerId, amount: e.amount };
      return {
        ...state,
        game: { ...game, phase: null, sale: null, highestBid: null, endsAt: null },
        players: state.players.map((pl) => {
          const changed = after.get(pl.player.id);
          return changed ? { ...pl, money: changed.money, inventoryCount: changed.inventoryCount } : pl;
        }),
        results: [result, ...state.results.filter((r) => r.round !== e.round)].slice(0, MAX_RESULTS),
        mySale: null,
      };
    }
    case 'gameEnded':
      return {
        ...state,
        game: { ...game, status: 'ended', phase: null, sale: null, highestBid: null, endsAt: null, endedAt: action.payload.at },
        standings: standingsOf(action.payload),
      };
    case 'gameDeleted':
      return { ...state, status: 'deleted', game: { ...game, status: 'deleted', phase: null, endsAt: null } };
    default:
      return state;
  }
}

/** An accepted bid of the current round: the highest and the timer move forward, never back. */
function withBid(state: GameState, round: number, playerId: string, amount: number, endsAt: string, at: string): GameState {
  const game = state.game;
  if (!game || game.round !== round || game.phase !== 'bidding') return state;
  const bids = state.bids.some((b) => b.playerId === playerId && b.amount === amount) ? state.bids : [{ playerId, amount, at }, ...state.bids].sort((a, b) => b.amount - a.amount);
  const higher = !game.highestBid || amount > game.highestBid.amount;
  const later = !game.endsAt || Date.parse(endsAt) > Date.parse(game.endsAt);
  return {
    ...state,
    bids,
    game: {
      ...game,
      highestBid: higher ? { playerId, amount } : game.highestBid,
      endsAt: later ? endsAt : game.endsAt,
      sale: game.sale && later ? { ...game.sale, endsAt } : game.sale,
    },
  };
}

function standingsOf(e: EventPayload<'gameEnded'>): FinalStanding[] {
  return [
    ...e.leaderboard.map((l) => ({ player: l.player, money: l.money, inventory: l.inventory, score: l.score, position: l.position, removed: false })),
    ...e.removed.map((r) => ({ player: r.player, money: r.money, inventory: r.inventory, score: r.score, position: null, removed: true })),
  ];
}

function updatePlayer(players: GamePlayer[], id: string, change: (p: GamePlayer) => GamePlayer): GamePlayer[] {
  return players.map((p) => (p.player.id === id ? change(p) : p));
}
