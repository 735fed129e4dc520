// The public shapes of auction games (SPEC §8): the config, the game as everyone sees it, players,
// private holdings, sales, bids, and the snapshot a player gets on joining.
import * as z from 'zod';
import { Id, Money, PublicUser, Timestamp } from './shared.js';

/** An item type's name, as the game's config spells it. */
export const ItemName = z.string().trim().min(1).max(40);
/** How many of an item: a whole number ≥ 0 (capped so scores stay safe integers). */
export const Quantity = z.int().min(0).max(1_000_000);
/** Money a player holds: like Money, but 0 is possible (everything spent). */
export const Balance = z.int().nonnegative();

export const GameItem = z.object({
  item: ItemName,
  /** Weight of one unit (> 0): the only thing bidders learn of a bundle. */
  weight: z.number().positive().max(1e9),
  /** Worth of one unit at the end (it counts in the score). */
  value: Money,
});
export type GameItem = z.infer<typeof GameItem>;

export const InventoryEntry = z.object({ item: ItemName, quantity: Quantity });
export type InventoryEntry = z.infer<typeof InventoryEntry>;
/** An inventory is always a list of `{ item, quantity }`. */
export const Inventory = z.array(InventoryEntry);
export type Inventory = z.infer<typeof Inventory>;

export const GameStatus = z.enum(['lobby', 'running', 'ended', 'deleted']);
export type GameStatus = z.infer<typeof GameStatus>;
export const RoundPhase = z.enum(['selling', 'bidding']);
export type RoundPhase = z.infer<typeof RoundPhase>;
/** `waiting` / `ready` in the lobby, `playing` once the game runs, `removed` when out of it. */
export const PlayerStatus = z.enum(['waiting', 'ready', 'playing', 'removed']);
export type PlayerStatus = z.infer<typeof PlayerStatus>;

/** The sale of the current round as everyone sees it: its items stay secret until settlement. */
export const PublicSale = z.object({ sellerId: Id, weight: z.number().positive(), endsAt: Timestamp });
export type PublicSale = z.infer<typeof PublicSale>;

export const HighestGameBid = z.object({ playerId: Id, amount: Money });

export const Game = z.object({
  id: Id,
  title: z.string(),
  creator: PublicUser,
  maxPlayers: z.int(),
  maxRounds: z.int(),
  startMoney: Money,
  bidTimeMs: z.int(),
  sellTimeMs: z.int(),
  items: z.array(GameItem),
  startInventory: Inventory,
  status: GameStatus,
  /** Players in the game now (removed ones not counted). */
  playerCount: z.int().nonnegative(),
  /** The current round (the last one once ended); 0 in the lobby. */
  round: z.int().nonnegative(),
  /** null outside a running round. */
  phase: RoundPhase.nullable(),
  sellerId: Id.nullable(),
  sale: PublicSale.nullable(),
  highestBid: HighestGameBid.nullable(),
  /** When the current phase ends: the selling deadline, then the bid timer's end. */
  endsAt: Timestamp.nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
});
export type Game = z.infer<typeof Game>;

/** A player as everyone sees them: money and the total number of items, never the inventory itself. */
export const GamePlayer = z.object({
  player: PublicUser,
  status: PlayerStatus,
  connected: z.boolean(),
  money: Balance,
  inventoryCount: z.int().nonnegative(),
});
export type GamePlayer = z.infer<typeof GamePlayer>;

/** A player's own holdings (only they see them). */
export const Holdings = z.object({ money: Balance, inventory: Inventory });
export type Holdings = z.infer<typeof Holdings>;

/** What `joinGame` (and a resync of a game room) answers: the game up to `seq`. */
export const GameSnapshot = z.object({
  game: Game,
  /** In join order (the seller queue). */
  players: z.array(GamePlayer),
  /** The caller's holdings when they are a player of the game, else null. */
  you: Holdings.nullable(),
  /** The room's last event reflected here; the next room event has `seq + 1`. */
  seq: z.int().nonnegative(),
  /** Server clock in ms since epoch, as in `timeSync`. */
  serverTime: z.number(),
});
export type GameSnapshot = z.infer<typeof GameSnapshot>;

/** A sale as its seller sees it (ack of `sell`). */
export const Sale = z.object({
  gameId: Id,
  round: z.int().positive(),
  sellerId: Id,
  items: Inventory,
  weight: z.number().positive(),
  /** When bidding ends unless a bid moves it. */
  endsAt: Timestamp,
  createdAt: Timestamp,
});
export type Sale = z.infer<typeof Sale>;

export const GameBid = z.object({
  id: Id,
  gameId: Id,
  round: z.int().positive(),
  playerId: Id,
  amount: Money,
  /** Bidding's end after this bid. */
  endsAt: Timestamp,
  createdAt: Timestamp,
});
export type GameBid = z.infer<typeof GameBid>;

/** A settled sale, revealed to everyone in `roundEnded`. */
export const SettledSale = z.object({ sellerId: Id, items: Inventory, weight: z.number().positive() });

export const RoundPlayer = z.object({ id: Id, money: Balance, inventoryCount: z.int().nonnegative() });

export const LeaderboardEntry = z.object({
  player: PublicUser,
  money: Balance,
  inventory: Inventory,
  score: z.int().nonnegative(),
  /** 1 is the highest score; equal scores share a position and the next one skips (1, 1, 3). */
  position: z.int().positive(),
});
export const RemovedEntry = LeaderboardEntry.omit({ position: true });
