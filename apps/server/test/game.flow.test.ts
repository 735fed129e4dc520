// SPEC §8 end to end through the SDK: a 3-player game of 3 rounds — lobby, ready, start, sales, bids, the
// bid timer settling each round, roundEnded with the bundle revealed, each player's own playerState, and
// the leaderboard checked against scores the test computes itself.
import { commands } from '@bidwire/contract';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { gameConfig, readyLobby, SPICES, START_INVENTORY, type Seat } from './game-fixtures.js';

type Inventory = { item: string; quantity: number }[];
interface Expected {
  money: number;
  inventory: Inventory;
}

const full = (inv: Inventory): Inventory => SPICES.map((s) => ({ item: s.item, quantity: inv.find((i) => i.item === s.item)?.quantity ?? 0 }));
const count = (inv: Inventory) => inv.reduce((n, s) => n + s.quantity, 0);
const score = (h: Expected) => h.money + h.inventory.reduce((n, s) => n + s.quantity * SPICES.find((t) => t.item === s.item)!.value, 0);
const move = (inv: Inventory, bundle: Inventory, sign: 1 | -1) =>
  inv.map((s) => ({ item: s.item, quantity: s.quantity + sign * (bundle.find((b) => b.item === s.item)?.quantity ?? 0) }));

describe('an auction game, end to end', () => {
  it('plays 3 players × 3 rounds: sales, bids, settlements, private states, and the leaderboard', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben', 'Cat'], gameConfig({ maxRounds: 3, bidTimeMs: 1_000 }));
    const [ann, ben, cat] = seats as [Seat, Seat, Seat];
    const ids = seats.map((s) => s.user.id);

    // The lobby: each join answered the snapshot with the joiner in it and their own holdings.
    expect(ann.snapshot.game).toMatchObject({ id: gameId, status: 'lobby', round: 0, phase: null, playerCount: 1 });
    expect(cat.snapshot.players.map((p) => [p.player.name, p.status, p.connected])).toEqual([
      ['Ann', 'waiting', true],
      ['Ben', 'waiting', true],
      ['Cat', 'waiting', true],
    ]);
    expect(cat.snapshot.you).toEqual({ money: 1_000, inventory: full(START_INVENTORY) });
    await ann.rec.waitFor('playerStatusChanged', (p) => p.playerId === cat.user.id && p.status === 'ready');
    // Ann's own join is in her snapshot; she saw the later ones as events.
    expect(ann.rec.of('playerJoined').map((p) => p.player.name)).toEqual(['Ben', 'Cat']);

    const expected = new Map<string, Expected>(ids.map((id) => [id, { money: 1_000, inventory: full(START_INVENTORY) }]));
    const { game } = await ann.client.startGame({ gameId });
    expect(game).toMatchObject({ status: 'running', round: 1, phase: 'selling', sellerId: ann.user.id, sale: null, highestBid: null });

    // Round 1: Ann sells 1 saffron + 2 salt; Ben and Cat bid; Ben wins at 200.
    await ben.rec.waitFor('roundStarted', (p) => p.round === 1);
    const bundle1 = [{ item: 'saffron', quantity: 1 }, { item: 'salt', quantity: 2 }];
    const { sale } = await ann.client.sell({ gameId, items: bundle1 });
    expect(sale).toMatchObject({ round: 1, sellerId: ann.user.id, items: bundle1, weight: 20.5 });
    const created = await cat.rec.waitFor('saleCreated', (p) => p.round === 1);
    expect(created).toEqual({ gameId, round: 1, sellerId: ann.user.id, weight: 20.5, endsAt: sale.endsAt, seq: created.seq, at: created.at });
    const b1 = await ben.client.gameBid({ gameId, amount: 100 });
    const b2 = await cat.client.gameBid({ gameId, amount: 150 });
    const b3 = await ben.client.gameBid({ gameId, amount: 200 });
    // Each accepted bid moves the timer to its time + bidTimeMs.
    for (const { bid } of [b1, b2, b3]) expect(Date.parse(bid.endsAt) - Date.parse(bid.createdAt)).toBe(1_000);
    expect(Date.parse(b3.bid.endsAt)).toBeGreaterThanOrEqual(Date.parse(b1.bid.endsAt));
    const placed = await ann.rec.waitFor('gameBidPlaced', (p) => p.amount === 200);
    expect(placed).toMatchObject({ round: 1, playerId: ben.user.id, endsAt: b3.bid.endsAt });
    const ended1 = await cat.rec.waitFor('roundEnded', (p) => p.round === 1);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(b3.bid.endsAt) - 50);
    settle(expected, ann.user.id, ben.user.id, bundle1, 200);
    expect(ended1).toMatchObject({
      gameId,
      round: 1,
      sale: { sellerId: ann.user.id, items: bundle1, weight: 20.5 },
      winnerId: ben.user.id,
      amount: 200,
      players: publicView(ids, expected),
    });

    // Round 2: Ben sells 3 pepper and nobody bids: the bundle stays with him, no money moves.
    await ben.rec.waitFor('roundStarted', (p) => p.round === 2 && p.sellerId === ben.user.id);
    const bundle2 = [{ item: 'pepper', quantity: 3 }];
    await ben.client.sell({ gameId, items: bundle2 });
    const ended2 = await ann.rec.waitFor('roundEnded', (p) => p.round === 2);
    expect(ended2).toMatchObject({ sale: { sellerId: ben.user.id, items: bundle2, weight: 6 }, winnerId: null, amount: null, players: publicView(ids, expected) });

    // Round 3: Cat sells 5 salt; Ann buys it for 10. Then the game ends (maxRounds).
    await cat.rec.waitFor('roundStarted', (p) => p.round === 3 && p.sellerId === cat.user.id);
    const bundle3 = [{ item: 'salt', quantity: 5 }];
    await cat.client.sell({ gameId, items: bundle3 });
    await ann.client.gameBid({ gameId, amount: 10 });
    await ben.rec.waitFor('roundEnded', (p) => p.round === 3);
    settle(expected, cat.user.id, ann.user.id, bundle3, 10);
    const ended = await ben.rec.waitFor('gameEnded');

    // The leaderboard, from scores the test computes.
    const scores = ids.map((id) => ({ id, score: score(expected.get(id)!) })).sort((a, b) => b.score - a.score);
    expect(ended.leaderboard.map((e) => ({ id: e.player.id, score: e.score }))).toEqual(scores);
    for (const e of ended.leaderboard) {
      expect({ money: e.money, inventory: e.inventory }).toEqual(expected.get(e.player.id));
      expect(e.position).toBe(scores.findIndex((s) => s.score === e.score) + 1);
    }
    expect(ended.removed).toEqual([]);
    expect(await ann.user.rest.getGame({ params: { id: gameId } })).toMatchObject({ status: 'ended', round: 3, phase: null });

    // Every player got their own holdings after each settlement, and nothing else.
    for (const seat of seats) {
      await seat.rec.waitFor('playerState', () => seat.rec.of('playerState').length === 3);
      const mine = expected.get(seat.user.id)!;
      expect(seat.rec.of('playerState').at(-1)).toMatchObject({ gameId, ...mine });
      expect(seat.rec.of('roundEnded')).toHaveLength(3);
      expect(seat.rec.of('gameEnded')).toHaveLength(1);
    }
    expect(ben.rec.of('playerState').map((p) => p.money)).toEqual([800, 800, 800]);
    expect(cat.rec.of('playerState').map((p) => p.money)).toEqual([1_000, 1_000, 1_010]);

    // Every event matched its contract schema, and so did the acks.
    for (const seat of seats) expect(seat.rec.invalid).toEqual([]);
    expect(commands.joinGame.response.safeParse(cat.snapshot).success).toBe(true);
    expect(commands.startGame.response.safeParse({ game }).success).toBe(true);
    expect(commands.sell.response.safeParse({ sale }).success).toBe(true);
    expect(commands.gameBid.response.safeParse(b3).success).toBe(true);
    expect(commands.joinGame.response.safeParse(await ben.client.joinGame({ gameId })).success).toBe(true);

    // Conservation: money adds up to players × startMoney, every item's total is unchanged.
    const all = [...expected.values()];
    expect(all.reduce((n, h) => n + h.money, 0)).toBe(3_000);
    for (const s of SPICES) {
      const start = START_INVENTORY.find((i) => i.item === s.item)!.quantity * 3;
      expect(all.reduce((n, h) => n + h.inventory.find((i) => i.item === s.item)!.quantity, 0)).toBe(start);
    }
  });
});

function settle(expected: Map<string, Expected>, sellerId: string, winnerId: string, bundle: Inventory, amount: number) {
  const seller = expected.get(sellerId)!;
  const winner = expected.get(winnerId)!;
  expected.set(sellerId, { money: seller.money + amount, inventory: move(seller.inventory, bundle, -1) });
  expected.set(winnerId, { money: winner.money - amount, inventory: move(winner.inventory, bundle, 1) });
}

function publicView(ids: string[], expected: Map<string, Expected>) {
  return ids.map((id) => ({ id, money: expected.get(id)!.money, inventoryCount: count(expected.get(id)!.inventory) }));
}
