// The game reducer: events on top of a snapshot, skipped when the snapshot already holds them; players,
// rounds, bids, results and the final standings.
import { gameFixture, gamePlayerFixture, gameSnapshotFixture, holdingsFixture, userFixture } from '@bidwire/sdk/testing';
import { describe, expect, it } from 'vitest';
import { gameReducer, initialGameState, type GameAction, type GameState } from './game-state.js';

const ada = userFixture({ id: 'ada', name: 'Ada' });
const bo = userFixture({ id: 'bo', name: 'Bo' });
const at = '2030-01-01T12:00:00.000Z';
const later = (s: number) => new Date(Date.parse(at) + s * 1000).toISOString();

function joined(seq = 4): GameState {
  return gameReducer(initialGameState('g1'), {
    type: 'snapshot',
    snapshot: gameSnapshotFixture({
      game: gameFixture({ id: 'g1', creator: ada, status: 'running', playerCount: 2, round: 1, phase: 'selling', sellerId: ada.id, endsAt: later(30) }),
      players: [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' })],
      you: holdingsFixture(),
      seq,
    }),
  });
}

const event = (action: Omit<Extract<GameAction, { type: 'event' }>, 'type'>) => ({ type: 'event', ...action }) as GameAction;
const run = (state: GameState, ...actions: GameAction[]) => actions.reduce(gameReducer, state);

describe('gameReducer', () => {
  it('skips room events the snapshot already reflects, applies the next ones', () => {
    const s = joined(4);
    const sale = { gameId: 'g1', round: 1, sellerId: ada.id, weight: 2.5, endsAt: later(5), at };
    expect(run(s, event({ name: 'saleCreated', payload: { ...sale, seq: 4 } }))).toBe(s);
    const next = run(s, event({ name: 'saleCreated', payload: { ...sale, seq: 5 } }));
    expect(next.game).toMatchObject({ phase: 'bidding', sale: { weight: 2.5, endsAt: later(5) }, endsAt: later(5) });
    expect(next.seq).toBe(5);
  });

  it('keeps bids highest first and moves the timer forward only; an ack and its event count once', () => {
    let s = run(joined(), event({ name: 'saleCreated', payload: { gameId: 'g1', round: 1, sellerId: ada.id, weight: 1, endsAt: later(5), seq: 5, at } }));
    s = run(
      s,
      event({ name: 'gameBidPlaced', payload: { gameId: 'g1', round: 1, playerId: bo.id, amount: 10, endsAt: later(6), seq: 6, at } }),
      { type: 'bidAccepted', bid: { id: 'b2', gameId: 'g1', round: 1, playerId: bo.id, amount: 20, endsAt: later(7), createdAt: at } },
      event({ name: 'gameBidPlaced', payload: { gameId: 'g1', round: 1, playerId: bo.id, amount: 20, endsAt: later(7), seq: 7, at } }),
    );
    expect(s.bids.map((b) => b.amount)).toEqual([20, 10]);
    expect(s.game).toMatchObject({ highestBid: { playerId: bo.id, amount: 20 }, endsAt: later(7) });
  });

  it('a round’s end reveals the sale, moves money and counts; my holdings come from playerState', () => {
    const s = run(
      joined(),
      event({
        name: 'roundEnded',
        payload: {
          gameId: 'g1', round: 1, sale: { sellerId: ada.id, items: [{ item: 'saffron', quantity: 2 }], weight: 1 }, winnerId: bo.id, amount: 20,
          players: [{ id: ada.id, money: 1020, inventoryCount: 3 }, { id: bo.id, money: 980, inventoryCount: 7 }], seq: 5, at,
        },
      }),
      event({ name: 'playerState', payload: { gameId: 'g1', money: 1020, inventory: [{ item: 'saffron', quantity: 1 }, { item: 'pepper', quantity: 2 }], seq: 1, at } }),
      event({ name: 'playerState', payload: { gameId: 'other', money: 1, inventory: [], seq: 2, at } }),
    );
    expect(s.results).toEqual([{ round: 1, sale: { sellerId: ada.id, items: [{ item: 'saffron', quantity: 2 }], weight: 1 }, winnerId: bo.id, amount: 20 }]);
    expect(s.players.map((p) => [p.player.name, p.money, p.inventoryCount])).toEqual([['Ada', 1020, 3], ['Bo', 980, 7]]);
    expect(s.you).toEqual({ money: 1020, inventory: [{ item: 'saffron', quantity: 1 }, { item: 'pepper', quantity: 2 }] });
    expect(s.game).toMatchObject({ phase: null, endsAt: null });
  });

  it('lobby: joins, readiness, leaving; the start makes everyone a player', () => {
    const lobby = gameReducer(initialGameState('g1'), {
      type: 'snapshot',
      snapshot: gameSnapshotFixture({ game: gameFixture({ id: 'g1', creator: ada, playerCount: 1 }), players: [gamePlayerFixture({ player: ada })], seq: 1 }),
    });
    let s = run(
      lobby,
      event({ name: 'playerJoined', payload: { gameId: 'g1', player: bo, seq: 2, at } }),
      event({ name: 'playerStatusChanged', payload: { gameId: 'g1', playerId: bo.id, status: 'ready', seq: 3, at } }),
      event({ name: 'playerDisconnected', payload: { gameId: 'g1', playerId: bo.id } }),
    );
    expect(s.players.map((p) => [p.player.name, p.status, p.connected, p.money, p.inventoryCount])).toEqual([
      ['Ada', 'waiting', true, 1000, 5],
      ['Bo', 'ready', false, 1000, 5],
    ]);
    expect(s.game?.playerCount).toBe(2);
    s = run(s, event({ name: 'playerLeft', payload: { gameId: 'g1', playerId: bo.id, reason: 'left', seq: 4, at } }));
    expect(s.players.map((p) => p.player.name)).toEqual(['Ada']);
    expect(s.game?.playerCount).toBe(1);
    s = run(
      s,
      event({ name: 'playerJoined', payload: { gameId: 'g1', player: bo, seq: 5, at } }),
      event({ name: 'gameStarted', payload: { gameId: 'g1', game: gameFixture({ id: 'g1', creator: ada, status: 'running', playerCount: 2 }), seq: 6, at } }),
      event({ name: 'roundStarted', payload: { gameId: 'g1', round: 1, sellerId: ada.id, sellEndsAt: later(30), seq: 7, at } }),
    );
    expect(s.players.map((p) => p.status)).toEqual(['playing', 'playing']);
    expect(s.game).toMatchObject({ status: 'running', round: 1, phase: 'selling', sellerId: ada.id, endsAt: later(30) });
  });

  it('the end: standings with shared positions, removed players apart', () => {
    const s = run(
      joined(),
      event({ name: 'playerLeft', payload: { gameId: 'g1', playerId: bo.id, reason: 'removed', seq: 5, at } }),
      event({
        name: 'gameEnded',
        payload: {
          gameId: 'g1',
          leaderboard: [
            { player: ada, money: 900, inventory: [], score: 1500, position: 1 },
            { player: userFixture({ id: 'cy', name: 'Cy' }), money: 1500, inventory: [], score: 1500, position: 1 },
          ],
          removed: [{ player: bo, money: 1000, inventory: [], score: 1600 }],
          seq: 6,
          at,
        },
      }),
    );
    expect(s.players.find((p) => p.player.id === bo.id)).toMatchObject({ status: 'removed', connected: false });
    expect(s.game).toMatchObject({ status: 'ended', phase: null, endedAt: at });
    expect(s.standings?.map((e) => [e.player.name, e.position, e.removed])).toEqual([['Ada', 1, false], ['Cy', 1, false], ['Bo', null, true]]);
  });

  it('ignores other games’ events', () => {
    const s = joined();
    expect(run(s, event({ name: 'gameDeleted', payload: { gameId: 'g2', seq: 9, at } }))).toBe(s);
    expect(run(s, event({ name: 'gameDeleted', payload: { gameId: 'g1', seq: 9, at } })).status).toBe('deleted');
  });
});
