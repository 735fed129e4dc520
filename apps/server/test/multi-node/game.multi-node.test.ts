// Auction games on two server processes sharing PostgreSQL and Redis: players on both nodes, bids from
// both, timers armed on both — each round settles once (one roundEnded per round per player), and a player
// with a socket on each node stays connected until the last one leaves.
import { createRestClient, type BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { gameConfig, recorder, type Recorder } from '../game-fixtures.js';
import { resilientClient } from '../support/resilient-client.js';
import { startCluster } from './cluster-fixture.js';

const RACE_LIMITS = { RATE_LIMITS: '*=1000' };

describe('auction games across two nodes', () => {
  it('settles each round once with players, bids and timers on both nodes', async () => {
    const cluster = await startCluster(2, RACE_LIMITS);
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const users = await cluster.signInMany('Player', 4);
    const game = await createRestClient({ baseUrl: a, token: users[0]!.token }).createGame({
      body: gameConfig({ maxPlayers: 4, maxRounds: 3, bidTimeMs: 1_000, sellTimeMs: 5_000 }),
    });
    const gameId = game.id;
    const seats: { id: string; client: BidwireClient; rec: Recorder }[] = [];
    for (const [i, u] of users.entries()) {
      const client = await resilientClient(i % 2 === 0 ? a : b, { token: u.token });
      const rec = recorder(client);
      await client.joinGame({ gameId });
      await client.setReady({ gameId, ready: true });
      seats.push({ id: u.id, client, rec });
    }
    await seats[0]!.client.startGame({ gameId });

    for (let round = 1; round <= 3; round++) {
      const started = await seats[1]!.rec.waitFor('roundStarted', (e) => e.round === round);
      const seller = seats.find((s) => s.id === started.sellerId)!;
      await seller.client.sell({ gameId, items: [{ item: 'pepper', quantity: 1 }] });
      // Bids alternate between the nodes, so each node arms a timer for the round.
      const bidders = seats.filter((s) => s !== seller);
      for (let i = 0; i < 6; i++) await bidders[i % bidders.length]!.client.gameBid({ gameId, amount: round * 100 + i });
      await seats[0]!.rec.waitFor('roundEnded', (e) => e.round === round, 10_000);
    }
    for (const s of seats) await s.rec.waitFor('gameEnded', () => true, 10_000);
    await new Promise((r) => setTimeout(r, 2_500)); // a late second settlement (another node's sweep) would show by now
    for (const s of seats) {
      expect(s.rec.of('roundEnded').map((e) => e.round)).toEqual([1, 2, 3]);
      expect(s.rec.of('playerState')).toHaveLength(3);
      expect(s.rec.of('gameEnded')).toHaveLength(1);
    }
    const winners = seats[0]!.rec.of('roundEnded').map((e) => e.amount);
    expect(winners).toEqual([105, 205, 305]);
    const history = await seats[3]!.client.resync({ room: { type: 'game', id: gameId }, afterSeq: 0 });
    if (!('events' in history)) throw new Error('expected the full history');
    expect(history.events.filter((e) => e.event === 'roundEnded')).toHaveLength(3);
    expect(history.events.map((e) => e.payload.seq)).toEqual(history.events.map((_, i) => i + 1));
  }, 120_000);

  it('keeps a player with a socket on each node connected until the last one leaves', async () => {
    const cluster = await startCluster(2);
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const [host, twoTabs] = await cluster.signInMany('Player', 2);
    const game = await createRestClient({ baseUrl: a, token: host!.token }).createGame({ body: gameConfig() });
    const gameId = game.id;
    const hostC = await resilientClient(a, { token: host!.token });
    const hostRec = recorder(hostC);
    await hostC.joinGame({ gameId });
    const tabA = await resilientClient(a, { token: twoTabs!.token });
    await tabA.joinGame({ gameId });
    await hostRec.waitFor('playerConnected', (e) => e.playerId === twoTabs!.id);
    const tabB = await resilientClient(b, { token: twoTabs!.token });
    const snapshot = await tabB.joinGame({ gameId });
    expect(snapshot.players.map((p) => p.connected)).toEqual([true, true]);

    tabA.close();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(hostRec.of('playerDisconnected')).toEqual([]);
    expect((await hostC.joinGame({ gameId })).players.find((p) => p.player.id === twoTabs!.id)?.connected).toBe(true);

    tabB.close();
    expect(await hostRec.waitFor('playerDisconnected', (e) => e.playerId === twoTabs!.id)).toEqual({ gameId, playerId: twoTabs!.id });
    expect((await hostC.joinGame({ gameId })).players.find((p) => p.player.id === twoTabs!.id)?.connected).toBe(false);
    expect(hostRec.of('playerConnected').filter((e) => e.playerId === twoTabs!.id)).toHaveLength(1);
  }, 120_000);
});
