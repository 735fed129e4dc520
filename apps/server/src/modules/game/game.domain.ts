// Pure rules of auction games (SPEC §8): who may do what when, the legal sale and bid, the bid timer,
// settlement, weight, score, the leaderboard and the seller queue. No I/O here.
import { DomainError, forbidden, invalidState } from '../../core/errors.js';

export interface ItemType {
  item: string;
  weight: number;
  value: number;
}
export interface Stack {
  item: string;
  quantity: number;
}
export interface Holdings {
  money: number;
  inventory: Stack[];
}

export type GameStatus = 'lobby' | 'running' | 'ended' | 'deleted';
export type PlayerStatus = 'waiting' | 'ready' | 'playing' | 'removed';
export type Phase = 'selling' | 'bidding';

export const MESSAGES = {
  notFound: 'Game not found.',
  full: 'The game is full.',
  started: 'The game has already started.',
  ended: 'The game has ended.',
  notPlayer: 'You are not a player of this game.',
  removed: 'You were removed from this game.',
  onlyCreatorStart: 'Only the creator can start the game.',
  onlyCreatorDelete: 'Only the creator can delete the game.',
  notInLobby: 'The game is not in the lobby any more.',
  tooFewPlayers: 'At least 2 players are needed to start.',
  notRunning: 'The game is not running.',
  notSelling: 'It is not time to sell: bidding is under way.',
  notBidding: 'There is nothing to bid on yet: the seller has not put up a bundle.',
  notSeller: 'Only this round’s seller can sell.',
  sellerCannotBid: 'You cannot bid on your own sale.',
  biddingOver: 'Bidding on this round has ended.',
  sellingOver: 'The time to sell has run out: this round is forfeited.',
} as const;

export const notReady = (names: string[]) => `Every player must be ready: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not.`;

/** Why `userId` cannot join a game they are not yet a player of, or null. */
export function joinRejection(status: GameStatus, activePlayers: number, maxPlayers: number): DomainError | null {
  if (status === 'running') return invalidState(MESSAGES.started);
  if (status === 'ended') return invalidState(MESSAGES.ended);
  if (status === 'deleted') return new DomainError('NOT_FOUND', MESSAGES.notFound);
  if (activePlayers >= maxPlayers) return invalidState(MESSAGES.full);
  return null;
}

/** A player still taking part (in the lobby or a running game): not removed. */
export const isActive = (status: PlayerStatus) => status !== 'removed';

export function assertActivePlayer(player: { status: PlayerStatus } | null): asserts player is { status: PlayerStatus } {
  if (!player) throw forbidden(MESSAGES.notPlayer);
  if (!isActive(player.status)) throw forbidden(MESSAGES.removed);
}

/** Why the creator cannot start the game now, or null. `players` in join order. */
export function startRejection(
  game: { status: GameStatus; creatorId: string },
  userId: string,
  players: { name: string; status: PlayerStatus }[],
): DomainError | null {
  if (game.creatorId !== userId) return forbidden(MESSAGES.onlyCreatorStart);
  if (game.status !== 'lobby') return invalidState(game.status === 'ended' ? MESSAGES.ended : MESSAGES.started);
  if (players.length < 2) return invalidState(MESSAGES.tooFewPlayers);
  const waiting = players.filter((p) => p.status !== 'ready').map((p) => p.name);
  if (waiting.length > 0) return invalidState(notReady(waiting));
  return null;
}

// ---- weight, score, counts ----------------------------------------------------------------------

const typeOf = (items: readonly ItemType[], item: string) => items.find((t) => t.item === item);

/** Weight of a bundle: Σ quantity × the item type's weight, summed in the bundle's order. */
export function weightOf(items: readonly ItemType[], bundle: readonly Stack[]): number {
  return bundle.reduce((sum, s) => sum + s.quantity * (typeOf(items, s.item)?.weight ?? 0), 0);
}

/** Score = money + Σ quantity × the item type's value. */
export function scoreOf(items: readonly ItemType[], holdings: Holdings): number {
  return holdings.money + holdings.inventory.reduce((sum, s) => sum + s.quantity * (typeOf(items, s.item)?.value ?? 0), 0);
}

/** Total quantity held, all item types together (what other players see). */
export const inventoryCount = (inventory: readonly Stack[]) => inventory.reduce((sum, s) => sum + s.quantity, 0);

/** An inventory in the config's item order, every item type listed (0 when none is held). */
export function normalizeInventory(items: readonly ItemType[], held: readonly Stack[]): Stack[] {
  return items.map((t) => ({ item: t.item, quantity: held.filter((s) => s.item === t.item).reduce((n, s) => n + s.quantity, 0) }));
}

/** The start inventory as every player gets it. */
export const startInventoryOf = (items: readonly ItemType[], start: readonly Stack[]) => normalizeInventory(items, start);

// ---- selling ------------------------------------------------------------------------------------

/** The bundle as it is kept and revealed: entries above 0, in the seller's order. */
export const bundleOf = (items: readonly Stack[]) => items.filter((s) => s.quantity > 0).map((s) => ({ item: s.item, quantity: s.quantity }));

/**
 * Why the seller cannot sell this bundle from `inventory`, or null. An item the game does not have is a
 * validation error (naming it and the game's items); more than the seller holds is INVALID_STATE, saying which.
 */
export function saleRejection(items: readonly ItemType[], inventory: readonly Stack[], bundle: readonly Stack[]): DomainError | null {
  const unknown = bundle.findIndex((s) => !typeOf(items, s.item));
  if (unknown >= 0) {
    const name = bundle[unknown]!.item;
    return new DomainError('VALIDATION_FAILED', `This game has no item called ${name}; its items are ${items.map((t) => t.item).join(', ')}.`, {
      issues: [{ path: `items.${unknown}.item`, message: `Unknown item ${name}.`, code: 'custom' }],
    });
  }
  for (const s of bundle) {
    const held = inventory.find((h) => h.item === s.item)?.quantity ?? 0;
    if (s.quantity > held) return invalidState(`You only have ${held} ${s.item}; you cannot sell ${s.quantity}.`);
  }
  if (inventoryCount(bundle) === 0) return new DomainError('VALIDATION_FAILED', 'Sell at least one item: every quantity is 0.');
  return null;
}

// ---- bidding ------------------------------------------------------------------------------------

/** The least amount the next bid may have: highest + 1, or 1 for the first. */
export const minimumBid = (highest: number | null) => (highest === null ? 1 : highest + 1);

/** Bidding ends `bidTimeMs` after the sale or after the latest accepted bid, whichever is later. */
export function biddingEndsAt(saleCreatedAt: Date, lastBidAt: Date | null, bidTimeMs: number): Date {
  const from = Math.max(saleCreatedAt.getTime(), lastBidAt?.getTime() ?? 0);
  return new Date(from + bidTimeMs);
}

/** Why a bid of `amount` is refused in the bidding phase, or null (the seller and phase are checked before). */
export function bidRejection(bid: { amount: number; money: number; highest: number | null; endsAt: Date; now: Date }): DomainError | null {
  if (bid.now.getTime() >= bid.endsAt.getTime()) return invalidState(MESSAGES.biddingOver);
  const minimum = minimumBid(bid.highest);
  if (bid.amount < minimum) {
    const message = bid.highest === null ? `Bid must be at least ${minimum}` : `Bid must be higher than the current bid (${bid.highest})`;
    return new DomainError('BID_TOO_LOW', message, { minimumBid: minimum });
  }
  if (bid.amount > bid.money) {
    return new DomainError('INVALID_STATE', `You have only ${bid.money}; you cannot bid ${bid.amount}.`, { money: bid.money });
  }
  return null;
}

// ---- settlement ---------------------------------------------------------------------------------

export interface Settlement {
  /** The holdings after settlement of the players whose holdings changed (seller and winner). */
  changed: Map<string, Holdings>;
  winnerId: string | null;
  amount: number | null;
}

/**
 * Settles a round: the highest bidder pays the seller and receives the bundle; with no bid (or no sale)
 * nothing moves. Throws when the holdings cannot cover the move (a broken invariant: roll back).
 */
export function settle(
  holdings: ReadonlyMap<string, Holdings>,
  sale: { sellerId: string; items: readonly Stack[] } | null,
  highest: { playerId: string; amount: number } | null,
): Settlement {
  if (!sale || !highest) return { changed: new Map(), winnerId: null, amount: null };
  const seller = holdings.get(sale.sellerId);
  const winner = holdings.get(highest.playerId);
  if (!seller || !winner || sale.sellerId === highest.playerId) throw new Error('settlement: seller or winner missing');
  if (winner.money < highest.amount) throw new Error('settlement: the winner cannot pay');
  const move = (inv: readonly Stack[], sign: 1 | -1) =>
    inv.map((s) => {
      const q = sale.items.filter((b) => b.item === s.item).reduce((n, b) => n + b.quantity, 0);
      const quantity = s.quantity + sign * q;
      if (quantity < 0) throw new Error(`settlement: the seller lacks ${s.item}`);
      return { item: s.item, quantity };
    });
  for (const b of sale.items) {
    if (!seller.inventory.some((s) => s.item === b.item)) throw new Error(`settlement: the seller lacks ${b.item}`);
  }
  const changed = new Map<string, Holdings>([
    [sale.sellerId, { money: seller.money + highest.amount, inventory: move(seller.inventory, -1) }],
    [highest.playerId, { money: winner.money - highest.amount, inventory: move(winner.inventory, 1) }],
  ]);
  return { changed, winnerId: highest.playerId, amount: highest.amount };
}

/** Money and each item type's total over a set of holdings (conservation is checked on these). */
export function totals(all: Iterable<Holdings>): { money: number; items: Map<string, number> } {
  let money = 0;
  const items = new Map<string, number>();
  for (const h of all) {
    money += h.money;
    for (const s of h.inventory) items.set(s.item, (items.get(s.item) ?? 0) + s.quantity);
  }
  return { money, items };
}

/** True when two totals hold the same money and the same quantity of every item type. */
export function conserved(a: ReturnType<typeof totals>, b: ReturnType<typeof totals>): boolean {
  if (a.money !== b.money) return false;
  const keys = new Set([...a.items.keys(), ...b.items.keys()]);
  return [...keys].every((k) => (a.items.get(k) ?? 0) === (b.items.get(k) ?? 0));
}

// ---- rounds and the end -------------------------------------------------------------------------

export interface QueuedPlayer {
  id: string;
  /** Join order: the seller queue. */
  position: number;
  status: PlayerStatus;
}

/**
 * The next seller: the player after `previousSellerId` in the queue (wrapping around) who is still in
 * the game; the first such player for round 1. Null when nobody is left.
 */
export function nextSeller(queue: readonly QueuedPlayer[], previousSellerId: string | null): string | null {
  const ordered = [...queue].sort((a, b) => a.position - b.position);
  const prev = previousSellerId === null ? undefined : ordered.find((p) => p.id === previousSellerId);
  const start = prev ? ordered.filter((p) => p.position > prev.position) : ordered;
  const wrap = prev ? ordered.filter((p) => p.position <= prev.position) : [];
  return [...start, ...wrap].find((p) => isActive(p.status))?.id ?? null;
}

/** After settling `round`: the game ends after maxRounds, or when fewer than 2 players remain. */
export const gameIsOver = (round: number, maxRounds: number, activePlayers: number) => round >= maxRounds || activePlayers < 2;

/**
 * After a removal, whether the current round cannot go on and settles at once: a seller who is out
 * cannot sell any more, and with fewer than 2 players nobody is left to bid.
 */
export function roundStuck(phase: Phase, sellerId: string, active: ReadonlySet<string>): boolean {
  if (active.size < 2) return true;
  return phase === 'selling' && !active.has(sellerId);
}

export interface Standing {
  id: string;
  holdings: Holdings;
  removed: boolean;
}

/**
 * The final ranking: players still in the game by score, highest first (ties keep join order); equal
 * scores share a position and the next one skips (1, 1, 3). Removed players are listed apart.
 */
export function leaderboard(items: readonly ItemType[], standings: readonly Standing[]) {
  const scored = standings.map((s) => ({ ...s, score: scoreOf(items, s.holdings) }));
  const ranked = scored.filter((s) => !s.removed).sort((a, b) => b.score - a.score);
  const board = ranked.map((s) => {
    const firstEqual = ranked.findIndex((r) => r.score === s.score);
    return { id: s.id, holdings: s.holdings, score: s.score, position: firstEqual + 1 };
  });
  const removed = scored.filter((s) => s.removed).map((s) => ({ id: s.id, holdings: s.holdings, score: s.score }));
  return { leaderboard: board, removed };
}
