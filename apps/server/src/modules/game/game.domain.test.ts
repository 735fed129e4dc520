import { describe, expect, it } from 'vitest';
import {
  biddingEndsAt,
  bidRejection,
  bundleOf,
  conserved,
  gameIsOver,
  inventoryCount,
  joinRejection,
  leaderboard,
  nextSeller,
  normalizeInventory,
  roundStuck,
  saleRejection,
  scoreOf,
  settle,
  startRejection,
  totals,
  weightOf,
  type Holdings,
} from './game.domain.js';

const items = [
  { item: 'saffron', weight: 0.5, value: 120 },
  { item: 'pepper', weight: 2, value: 15 },
  { item: 'salt', weight: 10, value: 1 },
];
const now = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('weight, score and counts', () => {
  it('weighs a bundle as Σ quantity × weight and scores money + Σ quantity × value', () => {
    expect(weightOf(items, [{ item: 'saffron', quantity: 3 }, { item: 'salt', quantity: 2 }])).toBe(21.5);
    expect(scoreOf(items, { money: 100, inventory: [{ item: 'saffron', quantity: 2 }, { item: 'pepper', quantity: 1 }] })).toBe(355);
    expect(inventoryCount([{ item: 'saffron', quantity: 2 }, { item: 'pepper', quantity: 5 }])).toBe(7);
  });

  it('lists an inventory in the config’s order with every item type', () => {
    expect(normalizeInventory(items, [{ item: 'salt', quantity: 4 }])).toEqual([
      { item: 'saffron', quantity: 0 },
      { item: 'pepper', quantity: 0 },
      { item: 'salt', quantity: 4 },
    ]);
  });
});

describe('joining and starting', () => {
  it('refuses strangers once the game runs or is full, with the SPEC messages', () => {
    expect(joinRejection('lobby', 1, 2)).toBeNull();
    expect(joinRejection('lobby', 2, 2)?.message).toBe('The game is full.');
    expect(joinRejection('running', 1, 4)).toMatchObject({ code: 'INVALID_STATE', message: 'The game has already started.' });
    expect(joinRejection('ended', 1, 4)?.code).toBe('INVALID_STATE');
    expect(joinRejection('deleted', 1, 4)?.code).toBe('NOT_FOUND');
  });

  it('starts only for the creator, in the lobby, with 2+ players all ready, naming who is not ready', () => {
    const game = { status: 'lobby' as const, creatorId: 'c' };
    const ready = { name: 'Ann', status: 'ready' as const };
    expect(startRejection(game, 'x', [ready, ready])?.code).toBe('FORBIDDEN');
    expect(startRejection(game, 'c', [ready])?.code).toBe('INVALID_STATE');
    expect(startRejection(game, 'c', [ready, { name: 'Bob', status: 'waiting' }])?.message).toBe('Every player must be ready: Bob is not.');
    expect(startRejection({ ...game, status: 'running' }, 'c', [ready, ready])?.code).toBe('INVALID_STATE');
    expect(startRejection(game, 'c', [ready, ready])).toBeNull();
  });
});

describe('legal sale', () => {
  const inventory = [{ item: 'saffron', quantity: 2 }, { item: 'pepper', quantity: 0 }, { item: 'salt', quantity: 5 }];

  it('accepts a bundle within the inventory', () => {
    expect(saleRejection(items, inventory, [{ item: 'saffron', quantity: 2 }, { item: 'salt', quantity: 0 }])).toBeNull();
  });

  it('says which item is short and how many the seller has', () => {
    const refusal = saleRejection(items, inventory, [{ item: 'salt', quantity: 1 }, { item: 'saffron', quantity: 3 }]);
    expect(refusal).toMatchObject({ code: 'INVALID_STATE', message: 'You only have 2 saffron; you cannot sell 3.' });
  });

  it('names an unknown item as a validation error', () => {
    const refusal = saleRejection(items, inventory, [{ item: 'gold', quantity: 1 }]);
    expect(refusal?.code).toBe('VALIDATION_FAILED');
    expect(refusal?.message).toContain('gold');
  });

  it('keeps only the sold entries, in the seller’s order', () => {
    expect(bundleOf([{ item: 'salt', quantity: 1 }, { item: 'pepper', quantity: 0 }, { item: 'saffron', quantity: 2 }])).toEqual([
      { item: 'salt', quantity: 1 },
      { item: 'saffron', quantity: 2 },
    ]);
  });
});

describe('legal bid and the timer', () => {
  const endsAt = at(5_000);

  it('needs highest + 1 (BID_TOO_LOW with the minimum) and at most the bidder’s money (saying how much)', () => {
    expect(bidRejection({ amount: 1, money: 10, highest: null, endsAt, now })).toBeNull();
    expect(bidRejection({ amount: 50, money: 100, highest: 50, endsAt, now })).toMatchObject({
      code: 'BID_TOO_LOW',
      message: 'Bid must be higher than the current bid (50)',
      details: { minimumBid: 51 },
    });
    expect(bidRejection({ amount: 51, money: 100, highest: 50, endsAt, now })).toBeNull();
    expect(bidRejection({ amount: 101, money: 100, highest: 50, endsAt, now })).toMatchObject({
      code: 'INVALID_STATE',
      message: 'You have only 100; you cannot bid 101.',
    });
    expect(bidRejection({ amount: 100, money: 100, highest: 50, endsAt, now })).toBeNull();
  });

  it('refuses bids at or after the end', () => {
    expect(bidRejection({ amount: 60, money: 100, highest: 50, endsAt, now: endsAt })?.code).toBe('INVALID_STATE');
  });

  it('ends bidTimeMs after the later of the sale and the last bid', () => {
    expect(biddingEndsAt(now, null, 3_000)).toEqual(at(3_000));
    expect(biddingEndsAt(now, at(2_000), 3_000)).toEqual(at(5_000));
  });
});

describe('settlement', () => {
  const holdings = new Map<string, Holdings>([
    ['s', { money: 100, inventory: [{ item: 'saffron', quantity: 3 }, { item: 'pepper', quantity: 1 }] }],
    ['w', { money: 80, inventory: [{ item: 'saffron', quantity: 0 }, { item: 'pepper', quantity: 2 }] }],
  ]);
  const sale = { sellerId: 's', items: [{ item: 'saffron', quantity: 2 }, { item: 'pepper', quantity: 1 }] };

  it('moves the money to the seller and the bundle to the winner, conserving both', () => {
    const result = settle(holdings, sale, { playerId: 'w', amount: 30 });
    expect(result.winnerId).toBe('w');
    expect(result.amount).toBe(30);
    expect(result.changed.get('s')).toEqual({ money: 130, inventory: [{ item: 'saffron', quantity: 1 }, { item: 'pepper', quantity: 0 }] });
    expect(result.changed.get('w')).toEqual({ money: 50, inventory: [{ item: 'saffron', quantity: 2 }, { item: 'pepper', quantity: 3 }] });
    expect(conserved(totals(holdings.values()), totals(result.changed.values()))).toBe(true);
  });

  it('moves nothing without a bid or without a sale', () => {
    expect(settle(holdings, sale, null)).toEqual({ changed: new Map(), winnerId: null, amount: null });
    expect(settle(holdings, null, null).winnerId).toBeNull();
  });

  it('refuses a settlement the holdings cannot cover', () => {
    expect(() => settle(holdings, sale, { playerId: 'w', amount: 81 })).toThrow();
    expect(() => settle(holdings, { sellerId: 's', items: [{ item: 'saffron', quantity: 4 }] }, { playerId: 'w', amount: 1 })).toThrow();
  });

  it('detects a broken conservation', () => {
    const a = totals([{ money: 10, inventory: [{ item: 'salt', quantity: 1 }] }]);
    expect(conserved(a, totals([{ money: 11, inventory: [{ item: 'salt', quantity: 1 }] }]))).toBe(false);
    expect(conserved(a, totals([{ money: 10, inventory: [{ item: 'salt', quantity: 2 }] }]))).toBe(false);
    expect(conserved(a, totals([{ money: 10, inventory: [{ item: 'salt', quantity: 1 }, { item: 'pepper', quantity: 0 }] }]))).toBe(true);
  });
});

describe('the seller queue and the end', () => {
  const queue = [
    { id: 'a', position: 1, status: 'playing' as const },
    { id: 'b', position: 2, status: 'removed' as const },
    { id: 'c', position: 3, status: 'playing' as const },
  ];

  it('goes through the players in join order, skipping removed ones, and wraps around', () => {
    expect(nextSeller(queue, null)).toBe('a');
    expect(nextSeller(queue, 'a')).toBe('c');
    expect(nextSeller(queue, 'c')).toBe('a');
    // The previous seller was removed since: the one after them.
    expect(nextSeller(queue, 'b')).toBe('c');
    expect(nextSeller([{ id: 'a', position: 1, status: 'removed' }], null)).toBeNull();
  });

  it('ends after maxRounds or with fewer than 2 players', () => {
    expect(gameIsOver(3, 3, 4)).toBe(true);
    expect(gameIsOver(2, 3, 1)).toBe(true);
    expect(gameIsOver(2, 3, 2)).toBe(false);
  });

  it('settles a round at once when its seller is out before selling, or fewer than 2 players remain', () => {
    expect(roundStuck('selling', 'a', new Set(['b', 'c']))).toBe(true);
    expect(roundStuck('bidding', 'a', new Set(['b', 'c']))).toBe(false);
    expect(roundStuck('bidding', 'a', new Set(['a']))).toBe(true);
    expect(roundStuck('selling', 'a', new Set(['a', 'c']))).toBe(false);
  });
});

describe('leaderboard', () => {
  const h = (money: number, saffron = 0): Holdings => ({ money, inventory: [{ item: 'saffron', quantity: saffron }] });

  it('shares positions on equal scores and skips the next (1, 1, 3), removed players apart', () => {
    const result = leaderboard(items, [
      { id: 'a', holdings: h(100), removed: false },
      { id: 'b', holdings: h(220), removed: false },
      { id: 'c', holdings: h(100, 1), removed: false }, // 220
      { id: 'd', holdings: h(500), removed: true },
      { id: 'e', holdings: h(50), removed: false },
    ]);
    expect(result.leaderboard.map((e) => [e.id, e.score, e.position])).toEqual([
      ['b', 220, 1],
      ['c', 220, 1],
      ['a', 100, 3],
      ['e', 50, 4],
    ]);
    expect(result.removed).toEqual([{ id: 'd', holdings: h(500), score: 500 }]);
  });
});
