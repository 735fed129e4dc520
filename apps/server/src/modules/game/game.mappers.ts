// Game records to the contract's public shapes: what everyone may see (never an inventory but one's own,
// never a sale's items before settlement), dates as ISO strings, users as their public fields.
import type { Game, GamePlayer, Holdings } from '@bidwire/contract';
import { toPublicUser } from '../../core/user.js';
import { inventoryCount } from './game.domain.js';
import type { GameRecord, PlayerRecord, RoundRecord } from './game.records.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toGame(game: GameRecord, round: RoundRecord | null, playerCount: number): Game {
  const open = round && round.phase !== 'settled' && game.status === 'running' ? round : null;
  return {
    id: game.id,
    title: game.title,
    creator: toPublicUser(game.creator),
    maxPlayers: game.maxPlayers,
    maxRounds: game.maxRounds,
    startMoney: game.startMoney,
    bidTimeMs: game.bidTimeMs,
    sellTimeMs: game.sellTimeMs,
    items: game.items,
    startInventory: game.startInventory,
    status: game.status,
    playerCount,
    round: game.round,
    phase: open ? (open.phase as 'selling' | 'bidding') : null,
    sellerId: open ? open.sellerId : null,
    sale: open?.sale && open.dueAt ? { sellerId: open.sellerId, weight: open.sale.weight, endsAt: open.dueAt.toISOString() } : null,
    highestBid:
      open && open.highestBidderId && open.highestAmount !== null ? { playerId: open.highestBidderId, amount: open.highestAmount } : null,
    endsAt: open ? iso(open.dueAt) : null,
    createdAt: game.createdAt.toISOString(),
    startedAt: iso(game.startedAt),
    endedAt: iso(game.endedAt),
  };
}

export const activeCount = (players: readonly PlayerRecord[]) => players.filter((p) => p.status !== 'removed').length;

export const toGamePlayer = (p: PlayerRecord, connected: boolean): GamePlayer => ({
  player: toPublicUser(p.user),
  status: p.status,
  connected,
  money: p.money,
  inventoryCount: inventoryCount(p.inventory),
});

export const toHoldings = (p: PlayerRecord): Holdings => ({ money: p.money, inventory: p.inventory });
