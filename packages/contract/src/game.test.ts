// The game contract (SPEC §8): its names, its room bindings, and what its schemas accept and refuse.
import { describe, expect, it } from 'vitest';
import { commands, events, restRoutes, ROOM_TYPES, RoomSnapshot } from './index.js';

const GAME_COMMANDS = ['joinGame', 'leaveGame', 'setReady', 'startGame', 'sell', 'gameBid'] as const;
const GAME_ROOM_EVENTS = [
  'playerJoined', 'playerLeft', 'playerStatusChanged', 'gameStarted', 'roundStarted', 'saleCreated',
  'gameBidPlaced', 'roundEnded', 'gameEnded', 'gameDeleted',
] as const;

const validGame = {
  title: 'Spice run',
  maxPlayers: 4,
  maxRounds: 10,
  startMoney: 1_000,
  bidTimeMs: 5_000,
  items: [
    { item: 'saffron', weight: 0.5, value: 120 },
    { item: 'pepper', weight: 2, value: 15 },
  ],
  startInventory: [{ item: 'saffron', quantity: 3 }, { item: 'pepper', quantity: 0 }],
};
const createGame = restRoutes.createGame.body;

describe('the game contract', () => {
  it('has the SPEC’s commands and events, with game rooms among the room types', () => {
    expect(Object.keys(commands)).toEqual(expect.arrayContaining([...GAME_COMMANDS]));
    expect(ROOM_TYPES).toContain('game');
    for (const name of GAME_ROOM_EVENTS) expect(events[name], name).toMatchObject({ scope: 'room', room: { room: 'game', idField: 'gameId' } });
    expect(events.playerState).toMatchObject({ scope: 'room', room: { room: 'user' } });
    expect(events.playerConnected.scope).toBe('ephemeral');
    expect(events.playerDisconnected.scope).toBe('ephemeral');
    expect(commands.joinGame.joins).toEqual({ room: 'game', idField: 'gameId' });
    expect(commands.leaveGame.leaves).toEqual({ room: 'game', idField: 'gameId' });
  });

  it('declares the error codes SPEC names for each command', () => {
    expect(commands.joinGame.errors).toEqual(expect.arrayContaining(['NOT_FOUND', 'INVALID_STATE']));
    expect(commands.startGame.errors).toEqual(expect.arrayContaining(['FORBIDDEN', 'INVALID_STATE']));
    expect(commands.sell.errors).toEqual(expect.arrayContaining(['FORBIDDEN', 'INVALID_STATE', 'VALIDATION_FAILED']));
    expect(commands.gameBid.errors).toEqual(expect.arrayContaining(['FORBIDDEN', 'INVALID_STATE', 'BID_TOO_LOW']));
  });

  it('accepts a valid game config and defaults sellTimeMs to 30 s', () => {
    const parsed = createGame.parse(validGame);
    expect(parsed.sellTimeMs).toBe(30_000);
  });

  it.each([
    ['maxPlayers 1', { maxPlayers: 1 }],
    ['maxPlayers 17', { maxPlayers: 17 }],
    ['maxRounds 0', { maxRounds: 0 }],
    ['maxRounds 201', { maxRounds: 201 }],
    ['bidTimeMs 999', { bidTimeMs: 999 }],
    ['bidTimeMs 300,001', { bidTimeMs: 300_001 }],
    ['sellTimeMs 999', { sellTimeMs: 999 }],
    ['startMoney 0', { startMoney: 0 }],
    ['startMoney 1.5', { startMoney: 1.5 }],
    ['no items', { items: [] }],
    ['21 items', { items: Array.from({ length: 21 }, (_, i) => ({ item: `i${i}`, weight: 1, value: 1 })) }],
    ['a duplicate item', { items: [{ item: 'a', weight: 1, value: 1 }, { item: 'a', weight: 2, value: 2 }], startInventory: [] }],
    ['an empty item name', { items: [{ item: '', weight: 1, value: 1 }], startInventory: [] }],
    ['a 41-character item name', { items: [{ item: 'x'.repeat(41), weight: 1, value: 1 }], startInventory: [] }],
    ['weight 0', { items: [{ item: 'a', weight: 0, value: 1 }], startInventory: [] }],
    ['value 0', { items: [{ item: 'a', weight: 1, value: 0 }], startInventory: [] }],
    ['a start item that is not an item', { startInventory: [{ item: 'gold', quantity: 1 }] }],
    ['a negative quantity', { startInventory: [{ item: 'saffron', quantity: -1 }] }],
    ['a fractional quantity', { startInventory: [{ item: 'saffron', quantity: 0.5 }] }],
    ['a worth beyond safe integers', { startMoney: Number.MAX_SAFE_INTEGER - 10 }],
  ])('refuses %s', (_label, change) => {
    expect(createGame.safeParse({ ...validGame, ...change }).success).toBe(false);
  });

  it('refuses a sale with no item, a zero total, a repeated item, or negative and fractional quantities', () => {
    const sell = commands.sell.request;
    expect(sell.safeParse({ gameId: 'g', items: [{ item: 'a', quantity: 2 }, { item: 'b', quantity: 0 }] }).success).toBe(true);
    for (const items of [
      [],
      [{ item: 'a', quantity: 0 }],
      [{ item: 'a', quantity: 1 }, { item: 'a', quantity: 1 }],
      [{ item: 'a', quantity: -1 }],
      [{ item: 'a', quantity: 1.5 }],
    ]) {
      expect(sell.safeParse({ gameId: 'g', items }).success, JSON.stringify(items)).toBe(false);
    }
  });

  it('refuses bids that are not money', () => {
    for (const amount of [0, -1, 2.5, '10']) expect(commands.gameBid.request.safeParse({ gameId: 'g', amount }).success).toBe(false);
  });

  it('keeps a game snapshot whole when it comes back from resync', () => {
    const game = {
      id: 'g1', title: 't', creator: { id: 'u1', name: 'A' }, maxPlayers: 2, maxRounds: 1, startMoney: 10, bidTimeMs: 1000,
      sellTimeMs: 1000, items: [{ item: 'a', weight: 1, value: 1 }], startInventory: [], status: 'lobby', playerCount: 0,
      round: 0, phase: null, sellerId: null, sale: null, highestBid: null, endsAt: null, createdAt: 'x', startedAt: null, endedAt: null,
    };
    const snapshot = { game, players: [], you: null, seq: 3, serverTime: 1 };
    expect(RoomSnapshot.parse(snapshot)).toEqual(snapshot);
  });
});
