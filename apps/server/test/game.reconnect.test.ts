// SPEC §8 reconnection: a player who drops mid-round gets what they missed replayed (with
// `replayed: true`, their private playerState included), and a player who comes back on a new client
// (a reload) gets the current state in the joinGame snapshot, with their own holdings in `you`.
import { describe, expect, it } from 'vitest';
import { flush } from './fixtures.js';
import { gameConfig, readyLobby, recorder, testClock, type Seat } from './game-fixtures.js';
import { startServer } from './harness.js';
import { cut, resilientClient, restore } from './support/resilient-client.js';

describe('a player who drops mid-round', () => {
  it('gets the missed events replayed in order, private state included, and the current snapshot on rejoin', async () => {
    const clock = testClock();
    // The clock jumps 300 s to end round 1 while Cat is away: she must not be removed for that.
    await using t = await startServer({ GAME_REMOVE_AFTER_MS: String(3_600_000) }, { gameClock: clock.now });
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben', 'Cat'], gameConfig({ bidTimeMs: 300_000, sellTimeMs: 300_000, maxRounds: 3 }));
    const [ann, ben, cat] = seats as [Seat, Seat, Seat];
    // Cat plays on a client that reconnects by itself (the harness's clients do not).
    cat.client.close();
    const catClient = await resilientClient(t.url, { token: cat.user.token });
    const catRec = recorder(catClient);
    await catClient.joinGame({ gameId });
    await ann.client.startGame({ gameId });
    await ann.client.sell({ gameId, items: [{ item: 'pepper', quantity: 2 }] });
    await catClient.gameBid({ gameId, amount: 30 });
    await catRec.waitFor('gameBidPlaced', (e) => e.amount === 30);
    const liveBefore = catRec.seen.length;

    // Cat's connection drops: Ben outbids her, the round ends, round 2 opens and Ben sells.
    await cut(catClient);
    await ann.rec.waitFor('playerDisconnected', (e) => e.playerId === cat.user.id);
    const { bid } = await ben.client.gameBid({ gameId, amount: 45 });
    clock.reach(bid.endsAt);
    await t.server.maintenance.sweepGames();
    const ended = await ann.rec.waitFor('roundEnded', (e) => e.round === 1);
    await ann.rec.waitFor('roundStarted', (e) => e.round === 2);
    await ben.client.sell({ gameId, items: [{ item: 'salt', quantity: 4 }] });
    await ann.rec.waitFor('saleCreated', (e) => e.round === 2);
    expect(catRec.seen.length).toBe(liveBefore);

    // Back: the SDK rejoins and replays what she missed, in seq order, each marked replayed.
    await restore(catClient);
    await ann.rec.waitFor('playerConnected', (e) => e.playerId === cat.user.id);
    await catRec.waitFor('saleCreated', (e) => e.round === 2);
    await catRec.waitFor('playerState');
    const missed = catRec.seen.slice(liveBefore).filter((r) => r.event !== 'playerConnected' && r.event !== 'playerDisconnected');
    // The game room's events, in order (her private state comes from another room: anywhere among them)...
    expect(missed.filter((r) => r.event !== 'playerState').map((r) => r.event)).toEqual(['gameBidPlaced', 'roundEnded', 'roundStarted', 'saleCreated']);
    expect(missed.filter((r) => r.event === 'playerState')).toHaveLength(1);
    const roomEvents = missed.filter((r) => r.event !== 'playerState').map((r) => r.payload as { seq: number; replayed?: boolean });
    expect(roomEvents.every((p) => p.replayed === true)).toBe(true);
    expect(roomEvents.map((p) => p.seq)).toEqual(roomEvents.map((_, i) => roomEvents[0]!.seq + i));
    expect(missed.find((r) => r.event === 'roundEnded')!.payload).toMatchObject({ round: 1, winnerId: ben.user.id, amount: 45, seq: ended.seq });
    // ...and her private state, from her user room, replayed too.
    const state = catRec.of('playerState').at(-1)!;
    expect(state).toMatchObject({ gameId, money: 1_000, replayed: true });

    // A reload: a new client's joinGame answers the current state and her own holdings.
    catClient.close();
    await ann.rec.waitFor('playerDisconnected', (e) => e.playerId === cat.user.id && ann.rec.of('playerDisconnected').length >= 2);
    const reloaded = await cat.user.connect();
    const snapshot = await reloaded.joinGame({ gameId });
    expect(snapshot.you).toEqual({ money: 1_000, inventory: state.inventory });
    expect(snapshot.game).toMatchObject({
      status: 'running', round: 2, phase: 'bidding', sellerId: ben.user.id, highestBid: null,
      sale: { sellerId: ben.user.id, weight: 40 },
    });
    expect(snapshot.game).not.toHaveProperty('sale.items');
    expect(snapshot.players.map((p) => [p.player.name, p.connected, p.money])).toEqual([
      ['Ann', true, 1_045],
      ['Ben', true, 955],
      ['Cat', true, 1_000],
    ]);
    await flush(reloaded);
  });
});
