// The plain records the game module decides on (numbers, parsed JSON, typed enums), and how the rows Prisma
// reads become them. The queries are in game.repository.ts.
import { normalizeInventory, type GameStatus, type ItemType, type Phase, type PlayerStatus, type Stack } from './game.domain.js';

export interface UserRecord {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface GameRecord {
  id: string;
  creatorId: string;
  creator: UserRecord;
  title: string;
  maxPlayers: number;
  maxRounds: number;
  startMoney: number;
  bidTimeMs: number;
  sellTimeMs: number;
  items: ItemType[];
  startInventory: Stack[];
  status: GameStatus;
  round: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface PlayerRecord {
  /** The row id (holdings hang off it); the player's id in the API is `userId`. */
  rowId: string;
  userId: string;
  user: UserRecord;
  position: number;
  status: PlayerStatus;
  money: number;
  /** In the game's item order, every item type listed. */
  inventory: Stack[];
  disconnectedAt: Date | null;
}

export interface RoundRecord {
  id: string;
  round: number;
  sellerId: string;
  phase: Phase | 'settled';
  dueAt: Date | null;
  sellEndsAt: Date;
  startedAt: Date;
  highestBidderId: string | null;
  highestAmount: number | null;
  lastBidAt: Date | null;
  sale: { items: Stack[]; weight: number; createdAt: Date } | null;
}

/** The whole state of a game as the service decides on it. */
export interface GameState {
  game: GameRecord;
  /** In join order (the seller queue). */
  players: PlayerRecord[];
  /** The current round (the last one once ended), or null before the first. */
  round: RoundRecord | null;
}

/** The rows as Prisma reads them: money as bigint, lists as JSON text, enums as strings. */
export type GameRow = Omit<GameRecord, 'startMoney' | 'items' | 'startInventory' | 'status'> & {
  startMoney: bigint;
  items: string;
  startInventory: string;
  status: string;
};
export type RoundRow = Omit<RoundRecord, 'phase' | 'highestAmount' | 'sale'> & {
  phase: string;
  highestAmount: bigint | null;
  sale: { items: string; weight: number; createdAt: Date } | null;
};

export const toGameRecord = (g: GameRow): GameRecord => ({
  id: g.id,
  creatorId: g.creatorId,
  creator: g.creator,
  title: g.title,
  maxPlayers: g.maxPlayers,
  maxRounds: g.maxRounds,
  startMoney: Number(g.startMoney),
  bidTimeMs: g.bidTimeMs,
  sellTimeMs: g.sellTimeMs,
  items: JSON.parse(g.items) as ItemType[],
  startInventory: JSON.parse(g.startInventory) as Stack[],
  status: g.status as GameStatus,
  round: g.round,
  createdAt: g.createdAt,
  startedAt: g.startedAt,
  endedAt: g.endedAt,
});

export const toRoundRecord = (r: RoundRow): RoundRecord => ({
  id: r.id,
  round: r.round,
  sellerId: r.sellerId,
  phase: r.phase as RoundRecord['phase'],
  dueAt: r.dueAt,
  sellEndsAt: r.sellEndsAt,
  startedAt: r.startedAt,
  highestBidderId: r.highestBidderId,
  highestAmount: r.highestAmount === null ? null : Number(r.highestAmount),
  lastBidAt: r.lastBidAt,
  sale: r.sale ? { items: JSON.parse(r.sale.items) as Stack[], weight: r.sale.weight, createdAt: r.sale.createdAt } : null,
});

/** A game with what its public view needs (the latest round, the number of players in). */
export interface PublicGameRecord {
  game: GameRecord;
  round: RoundRecord | null;
  playerCount: number;
}
export const toPublicGameRecord = (g: GameRow & { rounds: RoundRow[]; _count: { players: number } }): PublicGameRecord => ({
  game: toGameRecord(g),
  round: g.rounds[0] ? toRoundRecord(g.rounds[0]) : null,
  playerCount: g._count.players,
});

/** A player row with its user and holdings, in the game's item order (every item type listed). */
type PlayerRow = {
  id: string;
  userId: string;
  user: UserRecord;
  position: number;
  status: string;
  money: bigint;
  holdings: { item: string; quantity: number }[];
  disconnectedAt: Date | null;
};
export const toPlayerRecord = (p: PlayerRow, items: ItemType[]): PlayerRecord => ({
  rowId: p.id,
  userId: p.userId,
  user: p.user,
  position: p.position,
  status: p.status as PlayerStatus,
  money: Number(p.money),
  inventory: normalizeInventory(items, p.holdings),
  disconnectedAt: p.disconnectedAt,
});
