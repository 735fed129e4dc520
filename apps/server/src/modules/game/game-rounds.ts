// The steps of a game that run inside a transaction holding the game room's lock: opening a round,
// settling one (money and items move together, with the events), ending the game, removing a player.
// Every step is conditional in the database, so a step that lost a race rolls the transaction back.
import type { EventPayload, RoomEventName } from '@bidwire/contract';
import type { Tx } from '../../db/tx.js';
import { toPublicUser } from '../../core/user.js';
import type { Outgoing } from '../../core/events.js';
import { claimSeq, lockSeq, recordEvent } from '../rooms/room-log.js';
import { gameRoom, userRoom } from '../../core/rooms.js';
import * as rules from './game.domain.js';
import { toHoldings } from './game.mappers.js';
import type { GameState, PlayerRecord, RoundRecord } from './game.records.js';
import { createGameRepository } from './game.repository.js';

/** A durable event's body: its payload without the fields the room log adds. */
export type EventBody<K extends RoomEventName> = Omit<EventPayload<K>, 'seq' | 'at' | 'replayed'>;

/** Thrown to roll a transaction back when a conditional step found the state moved under it. */
export class LostRace extends Error {
  override name = 'LostRace';
}

/** What a step inside a transaction works with: the transaction, the events it sends after commit, the time. */
export interface Step {
  tx: Tx;
  out: Outgoing[];
  now: Date;
  /** How the rounds this transaction settled ended (reported once it committed). */
  settled: ('sold' | 'unsold' | 'forfeited')[];
}

/** Records a durable event in a room with the room's next seq (sent once the transaction commits). */
export async function record<K extends RoomEventName>(s: Step, room: string, event: K, body: EventBody<K>): Promise<void> {
  s.out.push(await recordEvent(s.tx, room, await claimSeq(s.tx, room), event, body, s.now));
}

/**
 * Locks the game room (every writer of a game takes this lock first, then user rooms sorted by id) and
 * reads the state under it.
 */
export async function lockedState(s: Step, gameId: string): Promise<GameState | null> {
  await lockSeq(s.tx, gameRoom(gameId));
  return createGameRepository(s.tx).state(gameId);
}

/** The round after `previousSellerId`'s (round 1 when null): answers its deadline, or null when nobody can sell. */
export async function openRound(s: Step, state: GameState, round: number, previousSellerId: string | null): Promise<Date | null> {
  const { game } = state;
  const sellerId = rules.nextSeller(
    state.players.map((p) => ({ id: p.userId, position: p.position, status: p.status })),
    previousSellerId,
  );
  if (!sellerId) return null;
  const sellEndsAt = new Date(s.now.getTime() + game.sellTimeMs);
  await createGameRepository(s.tx).openRound({ gameId: game.id, round, sellerId, sellEndsAt, startedAt: s.now });
  await record(s, gameRoom(game.id), 'roundStarted', { gameId: game.id, round, sellerId, sellEndsAt: sellEndsAt.toISOString() });
  return sellEndsAt;
}

/**
 * Settles the current round as it stands (the highest bid wins the sale; a round without a sale moves
 * nothing), then opens the next one or ends the game. One transaction: money, items and the events
 * commit together or not at all. Answers the next round's deadline (null when the game ended).
 */
export async function settleAndAdvance(s: Step, state: GameState, round: RoundRecord): Promise<Date | null> {
  const { game } = state;
  const repo = createGameRepository(s.tx);
  const holdings = new Map(state.players.map((p) => [p.userId, toHoldings(p)]));
  const sale = round.phase === 'bidding' && round.sale ? { sellerId: round.sellerId, items: round.sale.items } : null;
  const highest = round.highestBidderId && round.highestAmount !== null ? { playerId: round.highestBidderId, amount: round.highestAmount } : null;
  const outcome = rules.settle(holdings, sale, highest);

  if (!(await repo.settleRound(round.id, { winnerId: outcome.winnerId, amount: outcome.amount, at: s.now }))) throw new LostRace();
  s.settled.push(!sale ? 'forfeited' : outcome.winnerId ? 'sold' : 'unsold');
  const players = await applySettlement(s, state.players, outcome.changed);
  // Conservation is a property of `settle`; checking it here too costs nothing and would roll back a bug.
  if (!rules.conserved(rules.totals(holdings.values()), rules.totals(players.map(toHoldings)))) {
    throw new Error(`settlement of game ${game.id} round ${round.round} does not conserve money and items`);
  }

  await record(s, gameRoom(game.id), 'roundEnded', {
    gameId: game.id,
    round: round.round,
    sale: sale && round.sale ? { sellerId: sale.sellerId, items: sale.items, weight: round.sale.weight } : null,
    winnerId: outcome.winnerId,
    amount: outcome.amount,
    players: players.map((p) => ({ id: p.userId, money: p.money, inventoryCount: rules.inventoryCount(p.inventory) })),
  });
  // Each player's own holdings, to their user room alone (sorted by id: one lock order for every writer).
  for (const p of [...players].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))) {
    await record(s, userRoom(p.userId), 'playerState', { gameId: game.id, ...toHoldings(p) });
  }

  const after: GameState = { ...state, players, round: { ...round, phase: 'settled' } };
  if (rules.gameIsOver(round.round, game.maxRounds, players.filter((p) => rules.isActive(p.status)).length)) {
    await endGame(s, after);
    return null;
  }
  const next = await openRound(s, after, round.round + 1, round.sellerId);
  if (!next) await endGame(s, after);
  return next;
}

/** Writes the holdings a settlement changed; answers every player with their holdings after it. */
async function applySettlement(s: Step, players: PlayerRecord[], changed: Map<string, rules.Holdings>): Promise<PlayerRecord[]> {
  const repo = createGameRepository(s.tx);
  const out: PlayerRecord[] = [];
  for (const p of players) {
    const next = changed.get(p.userId);
    if (!next) {
      out.push(p);
      continue;
    }
    // Decreases first within a player: each is conditional on the holding covering it.
    if (next.money !== p.money && !(await repo.moveMoney(p.rowId, next.money - p.money))) throw new LostRace();
    for (const stack of next.inventory) {
      const before = p.inventory.find((h) => h.item === stack.item)?.quantity ?? 0;
      if (stack.quantity !== before && !(await repo.moveItem(p.rowId, stack.item, stack.quantity - before))) throw new LostRace();
    }
    out.push({ ...p, money: next.money, inventory: next.inventory });
  }
  return out;
}

/** running → ended with the leaderboard (and the removed players apart). */
export async function endGame(s: Step, state: GameState): Promise<void> {
  const { game } = state;
  if (!(await createGameRepository(s.tx).end(game.id, s.now))) throw new LostRace();
  const byId = new Map(state.players.map((p) => [p.userId, p]));
  const result = rules.leaderboard(
    game.items,
    state.players.map((p) => ({ id: p.userId, holdings: toHoldings(p), removed: p.status === 'removed' })),
  );
  const entry = (e: { id: string; holdings: rules.Holdings; score: number }) => ({
    player: toPublicUser(byId.get(e.id)!.user),
    money: e.holdings.money,
    inventory: e.holdings.inventory,
    score: e.score,
  });
  await record(s, gameRoom(game.id), 'gameEnded', {
    gameId: game.id,
    leaderboard: result.leaderboard.map((e) => ({ ...entry(e), position: e.position })),
    removed: result.removed.map(entry),
  });
}

/**
 * Removes a player from a running game (holdings kept; out of the seller queue). When the round cannot go
 * on without them it settles at once. Answers whether they were removed and the round deadline it set
 * (undefined: unchanged; null: the game ended).
 */
export async function removeFromGame(s: Step, state: GameState, userId: string): Promise<{ removed: boolean; dueAt?: Date | null }> {
  const { game } = state;
  if (game.status !== 'running') return { removed: false };
  if (!(await createGameRepository(s.tx).removePlayer(game.id, userId, s.now))) return { removed: false };
  await record(s, gameRoom(game.id), 'playerLeft', { gameId: game.id, playerId: userId, reason: 'removed' });
  const players = state.players.map((p) => (p.userId === userId ? { ...p, status: 'removed' as const } : p));
  const round = state.round;
  if (!round || round.phase === 'settled') return { removed: true };
  const active = new Set(players.filter((p) => rules.isActive(p.status)).map((p) => p.userId));
  if (!rules.roundStuck(round.phase, round.sellerId, active)) return { removed: true };
  return { removed: true, dueAt: await settleAndAdvance(s, { ...state, players }, round) };
}
