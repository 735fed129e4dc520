// useGame against the SDK test kit: the fake server answers joinGame with a snapshot the test keeps, and the
// test emits the game's events as the real server would (checked against the contract by the fake).
import { BidwireError, type Game, type GamePlayer, type Holdings } from '@bidwire/sdk';
import { gameFixture, gamePlayerFixture, gameSnapshotFixture, holdingsFixture, userFixture } from '@bidwire/sdk/testing';
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useGame, type GameEvent } from '../src/index.js';
import { fakeWorld, tokenOf, type FakeWorld } from './fake.js';

const ada = userFixture({ id: 'ada', name: 'Ada' });
const bo = userFixture({ id: 'bo', name: 'Bo' });
const cy = userFixture({ id: 'cy', name: 'Cy' });
const GAME = 'g1';
const room = { type: 'game', id: GAME } as const;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

let world: FakeWorld;
beforeEach(() => (world = fakeWorld()));
afterEach(() => world.close());

/** What the fake server knows of the game: joinGame answers it (as of the room's last seq). */
function table(game: Partial<Game>, players: GamePlayer[], you: Record<string, Holdings> = {}) {
  const t = {
    game: gameFixture({ id: GAME, creator: ada, playerCount: players.length, ...game }),
    players,
    you,
  };
  world.server.handle('joinGame', (_p, { auth }) =>
    gameSnapshotFixture({ game: t.game, players: t.players, you: t.you[world.userOf(auth)] ?? null, seq: world.server.lastSeq(room) }),
  );
  return t;
}

const connectionOf = (user: { id: string }) => world.server.connections.find((c) => c.auth.token === tokenOf(user))!;

describe('useGame (test kit)', () => {
  it('lobby: players join, get ready and leave; the creator can start once everyone is ready', async () => {
    table({}, [gamePlayerFixture({ player: ada }), gamePlayerFixture({ player: bo })], { ada: holdingsFixture() });
    world.server.handle('setReady', {});
    world.server.handle('startGame', () => ({ game: gameFixture({ id: GAME, creator: ada, status: 'running', playerCount: 3 }) }));
    const { result } = world.render(ada, () => useGame(GAME));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    expect(result.current).toMatchObject({ isCreator: true, isPlayer: true, allReady: false, canStart: false, you: holdingsFixture() });
    expect(await world.server.nextCommand('joinGame')).toEqual({ gameId: GAME });

    world.server.emit('playerJoined', { gameId: GAME, player: cy });
    await waitFor(() => expect(result.current.players.map((p) => p.player.name)).toEqual(['Ada', 'Bo', 'Cy']));
    expect(result.current.players[2]).toMatchObject({ status: 'waiting', connected: true, money: 1000, inventoryCount: 5 });
    expect(result.current.game?.playerCount).toBe(3);

    await act(() => result.current.setReady(true));
    expect(await world.server.nextCommand('setReady')).toEqual({ gameId: GAME, ready: true });
    for (const p of [ada, bo, cy]) world.server.emit('playerStatusChanged', { gameId: GAME, playerId: p.id, status: 'ready' });
    await waitFor(() => expect(result.current.canStart).toBe(true));
    expect(result.current.allReady).toBe(true);

    world.server.emit('playerDisconnected', { gameId: GAME, playerId: bo.id });
    await waitFor(() => expect(result.current.players[1]?.connected).toBe(false));
    world.server.emit('playerLeft', { gameId: GAME, playerId: cy.id, reason: 'left' });
    await waitFor(() => expect(result.current.players.map((p) => p.player.name)).toEqual(['Ada', 'Bo']));

    await expect(result.current.start()).resolves.toMatchObject({ status: 'running' });
    expect(await world.server.nextCommand('startGame')).toEqual({ gameId: GAME });
  });

  it('a round: the seller sells from their inventory, the other bids; results, holdings and the final standings', async () => {
    const players = [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' })];
    table({ status: 'running', playerCount: 2 }, players, { ada: holdingsFixture(), bo: holdingsFixture() });
    world.server.handle('sell', ({ gameId, items }) => ({
      sale: { gameId, round: 1, sellerId: ada.id, items, weight: 1, endsAt: inSeconds(5), createdAt: new Date().toISOString() },
    }));
    let highest = 0;
    world.server.handle('gameBid', ({ gameId, amount }, { auth, fail }) => {
      if (amount <= highest) return fail('BID_TOO_LOW', `Bid must be at least ${highest + 1}.`, { minimumBid: highest + 1 });
      highest = amount;
      const endsAt = inSeconds(5);
      world.server.emit('gameBidPlaced', { gameId, round: 1, playerId: world.userOf(auth), amount, endsAt });
      return { bid: { id: `bid-${amount}`, gameId, round: 1, playerId: world.userOf(auth), amount, endsAt, createdAt: new Date().toISOString() } };
    });
    const seller = world.render(ada, () => useGame(GAME));
    const bidder = world.render(bo, () => useGame(GAME));
    await waitFor(() => expect(seller.result.current.status).toBe('joined'));
    await waitFor(() => expect(bidder.result.current.status).toBe('joined'));

    world.server.emit('roundStarted', { gameId: GAME, round: 1, sellerId: ada.id, sellEndsAt: inSeconds(30) });
    await waitFor(() => expect(seller.result.current.canSell).toBe(true));
    expect(seller.result.current.seller?.name).toBe('Ada');
    expect(bidder.result.current).toMatchObject({ canSell: false, canBid: false, minimumBid: null });
    await waitFor(() => expect(seller.result.current.countdown.secondsLeft).toBeGreaterThan(25));

    await act(() => seller.result.current.sell([{ item: 'saffron', quantity: 2 }]));
    expect(await world.server.nextCommand('sell')).toEqual({ gameId: GAME, items: [{ item: 'saffron', quantity: 2 }] });
    expect(seller.result.current.mySale?.items).toEqual([{ item: 'saffron', quantity: 2 }]);
    world.server.emit('saleCreated', { gameId: GAME, round: 1, sellerId: ada.id, weight: 1, endsAt: inSeconds(5) });
    await waitFor(() => expect(bidder.result.current.canBid).toBe(true));
    expect(bidder.result.current).toMatchObject({ minimumBid: 1, maximumBid: 1000, game: { phase: 'bidding', sale: { weight: 1 } } });
    expect(seller.result.current.canBid).toBe(false);
    expect(bidder.result.current.mySale).toBeNull();

    await act(() => bidder.result.current.bid(50));
    expect(bidder.result.current).toMatchObject({ minimumBid: 51, game: { highestBid: { playerId: bo.id, amount: 50 } } });
    await waitFor(() => expect(seller.result.current.game?.highestBid?.amount).toBe(50));
    expect(seller.result.current.bids.map((b) => [seller.result.current.nameOf(b.playerId), b.amount])).toEqual([['Bo', 50]]);
    const refused = await bidder.result.current.bid(50).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BidwireError);
    expect(refused).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be at least 51.' });

    world.server.emit('roundEnded', {
      gameId: GAME, round: 1, sale: { sellerId: ada.id, items: [{ item: 'saffron', quantity: 2 }], weight: 1 }, winnerId: bo.id, amount: 50,
      players: [{ id: ada.id, money: 1050, inventoryCount: 3 }, { id: bo.id, money: 950, inventoryCount: 7 }],
    });
    const boHoldings = { money: 950, inventory: [{ item: 'saffron', quantity: 5 }, { item: 'pepper', quantity: 2 }] };
    world.server.emit('playerState', { gameId: GAME, ...boHoldings }, { to: connectionOf(bo) });
    await waitFor(() => expect(bidder.result.current.you).toEqual(boHoldings));
    await waitFor(() => expect(seller.result.current.lastResult).toMatchObject({ round: 1, winnerId: bo.id, amount: 50, sale: { items: [{ item: 'saffron', quantity: 2 }] } }));
    expect(seller.result.current.players.map((p) => [p.player.name, p.money, p.inventoryCount])).toEqual([['Ada', 1050, 3], ['Bo', 950, 7]]);
    expect(seller.result.current.you).toEqual(holdingsFixture()); // Bo's holdings went to Bo alone

    world.server.emit('gameEnded', {
      gameId: GAME,
      leaderboard: [
        { player: bo, money: 950, inventory: boHoldings.inventory, score: 1580, position: 1 },
        { player: ada, money: 1050, inventory: [{ item: 'saffron', quantity: 1 }, { item: 'pepper', quantity: 2 }], score: 1200, position: 2 },
      ],
      removed: [],
    });
    await waitFor(() => expect(seller.result.current.game?.status).toBe('ended'));
    expect(seller.result.current.standings?.map((s) => [s.player.name, s.position, s.score])).toEqual([['Bo', 1, 1580], ['Ada', 2, 1200]]);
    expect(seller.result.current).toMatchObject({ canBid: false, canSell: false, countdown: { secondsLeft: null } });
  });

  it('after a dropped connection, the missed events arrive replayed and who is connected is read again', async () => {
    const t = table(
      { status: 'running', playerCount: 2, round: 1, phase: 'bidding', sellerId: ada.id, endsAt: inSeconds(30), sale: { sellerId: ada.id, weight: 2, endsAt: inSeconds(30) } },
      [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' }), gamePlayerFixture({ player: cy, status: 'playing' })],
      { bo: holdingsFixture() },
    );
    const seen: Array<[GameEvent['name'], boolean]> = [];
    const onEvent = (e: GameEvent) => seen.push([e.name, 'replayed' in e.payload && e.payload.replayed === true]);
    const { result, client } = world.render(bo, () => useGame(GAME, { onEvent }));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    // The SDK has learnt its user room's seq at connect: events after it are replayed too.
    await waitFor(() => expect(world.server.commandsOf('resync').length).toBeGreaterThan(0));

    await new Promise<void>((resolve) => {
      const off = client.onState((s) => s === 'reconnecting' && (off(), resolve()));
      world.server.dropConnections();
    });
    // Sent while Bo is away (to nobody): two bids and Cy dropping out of the room.
    world.server.emit('gameBidPlaced', { gameId: GAME, round: 1, playerId: cy.id, amount: 10, endsAt: inSeconds(30) }, { to: [] });
    world.server.emit('gameBidPlaced', { gameId: GAME, round: 1, playerId: ada.id, amount: 20, endsAt: inSeconds(31) }, { to: [] });
    world.server.emit('playerState', { gameId: GAME, money: 999, inventory: [] }, { to: [] });
    t.players = t.players.map((p) => (p.player.id === cy.id ? { ...p, connected: false } : p));
    t.game = { ...t.game, highestBid: { playerId: ada.id, amount: 20 } };

    await waitFor(() => expect(result.current.game?.highestBid?.amount).toBe(20));
    expect(result.current.bids.map((b) => [result.current.nameOf(b.playerId), b.amount])).toEqual([['Ada', 20], ['Cy', 10]]);
    await waitFor(() => expect(result.current.players.find((p) => p.player.id === cy.id)?.connected).toBe(false));
    await waitFor(() => expect(result.current.you?.money).toBe(999));
    expect(seen).toEqual([
      ['gameBidPlaced', true],
      ['gameBidPlaced', true],
      ['playerState', true],
    ]);
  });

  it('a game that started without me shows from REST with the server’s reason', async () => {
    world.server.handle('joinGame', (_p, { fail }) => fail('INVALID_STATE', 'The game has already started.'));
    world.api.handle('getGame', ({ params }) => gameFixture({ id: params.id, creator: bo, status: 'running', playerCount: 2, round: 3 }));
    const { result } = world.render(ada, () => useGame(GAME));
    await waitFor(() => expect(result.current.status).toBe('not-joinable'));
    expect(result.current.game).toMatchObject({ status: 'running', round: 3 });
    expect(result.current.error).toMatchObject({ code: 'INVALID_STATE', message: 'The game has already started.' });
    expect(result.current).toMatchObject({ isPlayer: false, canBid: false, canSell: false });
  });

  it('an unknown game is an error with the server’s message; a deleted one says so', async () => {
    world.server.handle('joinGame', ({ gameId }, { fail }) => (gameId === 'nope' ? fail('NOT_FOUND', 'Game not found.') : gameSnapshotFixture({ game: gameFixture({ id: gameId }), seq: 0 })));
    const missing = world.render(ada, () => useGame('nope'));
    await waitFor(() => expect(missing.result.current.status).toBe('error'));
    expect(missing.result.current.error?.message).toBe('Game not found.');

    const { result } = world.render(ada, () => useGame(GAME));
    await waitFor(() => expect(result.current.status).toBe('joined'));
    world.server.emit('gameDeleted', { gameId: GAME });
    await waitFor(() => expect(result.current.status).toBe('deleted'));
  });

  it('an ended game opened again shows its leaderboard, read from the room’s last event', async () => {
    world.server.emit(
      'gameEnded',
      { gameId: GAME, leaderboard: [{ player: ada, money: 5, inventory: [], score: 5, position: 1 }, { player: bo, money: 5, inventory: [], score: 5, position: 1 }], removed: [] },
      { to: [] },
    );
    table({ status: 'ended', playerCount: 2, round: 2 }, [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' })]);
    const { result } = world.render(ada, () => useGame(GAME));
    await waitFor(() => expect(result.current.standings?.map((s) => [s.player.name, s.position])).toEqual([['Ada', 1], ['Bo', 1]]));
    expect(await world.server.nextCommand('resync')).toBeDefined();
    expect(world.server.commandsOf('resync')).toContainEqual({ room, afterSeq: 0 });
  });
});
