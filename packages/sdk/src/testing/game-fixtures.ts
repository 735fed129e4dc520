// Valid example values of auction games (SPEC §8) for app tests, each overridable field by field. A unit
// test parses every one with its contract schema, so they cannot drift from what the server sends.
import type { Game, GamePlayer, GameSnapshot, Holdings } from '@bidwire/contract';
import { userFixture } from './fixtures.js';

const AT = '2030-01-01T12:00:00.000Z';

/** A game in its lobby: two item types, 1,000 to start with and 3 saffron each. */
export function gameFixture(overrides: Partial<Game> = {}): Game {
  return {
    id: 'game-1',
    title: 'Spice run',
    creator: userFixture({ id: 'user-1', name: 'Ada' }),
    maxPlayers: 4,
    maxRounds: 3,
    startMoney: 1000,
    bidTimeMs: 5000,
    sellTimeMs: 30000,
    items: [
      { item: 'saffron', weight: 0.5, value: 120 },
      { item: 'pepper', weight: 2, value: 15 },
    ],
    startInventory: [
      { item: 'saffron', quantity: 3 },
      { item: 'pepper', quantity: 2 },
    ],
    status: 'lobby',
    playerCount: 0,
    round: 0,
    phase: null,
    sellerId: null,
    sale: null,
    highestBid: null,
    endsAt: null,
    createdAt: AT,
    startedAt: null,
    endedAt: null,
    ...overrides,
  };
}

/** A player as everyone sees them (money and item count, never the inventory). */
export function gamePlayerFixture(overrides: Partial<GamePlayer> = {}): GamePlayer {
  return { player: userFixture(), status: 'waiting', connected: true, money: 1000, inventoryCount: 5, ...overrides };
}

/** A player's own holdings, as in the snapshot's `you` and in `playerState`. */
export function holdingsFixture(overrides: Partial<Holdings> = {}): Holdings {
  return {
    money: 1000,
    inventory: [
      { item: 'saffron', quantity: 3 },
      { item: 'pepper', quantity: 2 },
    ],
    ...overrides,
  };
}

/** What `joinGame` answers; `seq` defaults to 0 (a room with no event yet). */
export function gameSnapshotFixture(overrides: Partial<GameSnapshot> = {}): GameSnapshot {
  return { game: gameFixture(), players: [], you: null, seq: 0, serverTime: Date.parse(AT), ...overrides };
}
