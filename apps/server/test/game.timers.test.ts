// SPEC §8's timers on the real clock: the bid timer moves with each accepted bid, a seller who never sells
// forfeits, racing settlers settle a round once, and disconnected players are removed after
// GAME_REMOVE_AFTER_MS (out of the seller queue, holdings kept) — unless they come back in time.
import { describe, expect, it } from 'vitest';
import { flush } from './fixtures.js';
import { gameConfig, readyLobby, recorder, START_INVENTORY, SPICES, type Seat } from './game-fixtures.js';
import { startServer } from './harness.js';

const ms = (iso: string) => Date.parse(iso);
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
const full = SPICES.map((s) => ({ item: s.item, quantity: START_INVENTORY.find((i) => i.item === s.item)?.quantity ?? 0 }));

describe('game timers', () => {
  it('end bidding bidTimeMs after the latest bid: each bid moves the end, the round settles once at the last end', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben', 'Cat'], gameConfig({ bidTimeMs: 1_500, maxRounds: 2 }));
    const [ann, ben, cat] = seats as [Seat, Seat, Seat];
    await ann.client.startGame({ gameId });
    const { sale } = await ann.client.sell({ gameId, items: [{ item: 'pepper', quantity: 2 }] });
    expect(ms(sale.endsAt) - ms(sale.createdAt)).toBe(1_500);

    await sleepUntil(ms(sale.endsAt) - 900);
    const first = await ben.client.gameBid({ gameId, amount: 10 });
    expect(ms(first.bid.endsAt)).toBeGreaterThan(ms(sale.endsAt));
    await sleepUntil(ms(first.bid.endsAt) - 900);
    const second = await cat.client.gameBid({ gameId, amount: 11 });
    expect(ms(second.bid.endsAt) - ms(second.bid.createdAt)).toBe(1_500);
    const extended = await ann.rec.waitFor('gameBidPlaced', (p) => p.amount === 11);
    expect(extended.endsAt).toBe(second.bid.endsAt);

    // Past the sale's first end and the first bid's end, the round is still open...
    await sleepUntil(ms(first.bid.endsAt) + 200);
    await flush(ann.client);
    expect(ann.rec.of('roundEnded')).toHaveLength(0);
    expect((await ann.user.rest.getGame({ params: { id: gameId } })).endsAt).toBe(second.bid.endsAt);
    // ...and it settles at the last bid's end, with Cat's bid, once.
    const ended = await ann.rec.waitFor('roundEnded', () => true, 5_000);
    const settledAt = ms(ended.at);
    expect(settledAt).toBeGreaterThanOrEqual(ms(second.bid.endsAt));
    expect(settledAt - ms(second.bid.endsAt)).toBeLessThan(1_000);
    expect(ended).toMatchObject({ round: 1, winnerId: cat.user.id, amount: 11 });
    await ann.rec.waitFor('roundStarted', (p) => p.round === 2);
    await flush(ann.client);
    expect(ann.rec.of('roundEnded')).toHaveLength(1);
  });

  it('forfeit the round of a seller who never sells: settled with no sale at sellEndsAt, then the next seller', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben'], gameConfig({ sellTimeMs: 1_000, maxRounds: 2 }));
    const [ann, ben] = seats as [Seat, Seat];
    await ann.client.startGame({ gameId });
    const started = await ben.rec.waitFor('roundStarted', (p) => p.round === 1);
    expect(started.sellerId).toBe(ann.user.id);
    const ended = await ben.rec.waitFor('roundEnded', (p) => p.round === 1, 5_000);
    expect(ended).toMatchObject({ sale: null, winnerId: null, amount: null });
    expect(ms(ended.at)).toBeGreaterThanOrEqual(ms(started.sellEndsAt));
    expect(ms(ended.at) - ms(started.sellEndsAt)).toBeLessThan(1_000);
    expect((await ben.rec.waitFor('roundStarted', (p) => p.round === 2)).sellerId).toBe(ben.user.id);
    // Too late to sell round 1's bundle now; nothing moved.
    expect(ann.rec.of('playerState').at(-1)).toEqual(expect.objectContaining({ money: 1_000, inventory: full }));
  });

  it('settle a due round once however many settlers race for it', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben'], gameConfig({ bidTimeMs: 1_000, maxRounds: 2 }));
    const [ann, ben] = seats as [Seat, Seat];
    await ann.client.startGame({ gameId });
    await ann.client.sell({ gameId, items: [{ item: 'salt', quantity: 1 }] });
    const { bid } = await ben.client.gameBid({ gameId, amount: 7 });
    await sleepUntil(ms(bid.endsAt));
    const swept = await Promise.all(Array.from({ length: 6 }, () => t.server.maintenance.sweepGames()));
    await ann.rec.waitFor('roundStarted', (p) => p.round === 2);
    await new Promise((r) => setTimeout(r, 300));
    await flush(ann.client);
    expect(ann.rec.of('roundEnded')).toHaveLength(1);
    expect(swept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const rounds = await t.server.db.gameRound.findMany({ where: { gameId }, orderBy: { round: 'asc' } });
    expect(rounds.map((r) => [r.round, r.phase])).toEqual([[1, 'settled'], [2, 'selling']]);
    expect(await t.server.db.gamePlayer.findMany({ where: { gameId }, select: { money: true } })).toEqual(
      expect.arrayContaining([{ money: 1_007n }, { money: 993n }]),
    );
  });

  it('remove a player disconnected for GAME_REMOVE_AFTER_MS: playerLeft (removed), out of the seller queue, holdings kept', async () => {
    await using t = await startServer({ GAME_REMOVE_AFTER_MS: '1000' });
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben', 'Cat'], gameConfig({ sellTimeMs: 60_000, bidTimeMs: 4_000, maxRounds: 4 }));
    const [ann, ben, cat] = seats as [Seat, Seat, Seat];
    await ann.client.startGame({ gameId });

    // Cat drops and comes back within the window: still in.
    cat.client.close();
    expect(await ann.rec.waitFor('playerDisconnected', (p) => p.playerId === cat.user.id)).toEqual({ gameId, playerId: cat.user.id });
    const catBack = await cat.user.connect();
    const catRec = recorder(catBack);
    const snapshot = await catBack.joinGame({ gameId });
    await ann.rec.waitFor('playerConnected', (p) => p.playerId === cat.user.id);
    expect(snapshot.players.find((p) => p.player.id === cat.user.id)).toMatchObject({ connected: true, status: 'playing' });
    await new Promise((r) => setTimeout(r, 1_500));
    await flush(ann.client);
    expect(ann.rec.of('playerLeft')).toEqual([]);

    // Ben drops for good during round 1's bidding (Ann sells to Cat): removed after ~1 s, before the round
    // ends, so his turn as round 2's seller is skipped.
    await ann.client.sell({ gameId, items: [{ item: 'saffron', quantity: 1 }] });
    await catBack.gameBid({ gameId, amount: 5 });
    ben.client.close();
    const droppedAt = Date.now();
    const left = await ann.rec.waitFor('playerLeft', (p) => p.playerId === ben.user.id, 5_000);
    expect(left).toMatchObject({ gameId, playerId: ben.user.id, reason: 'removed' });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(900);
    const round2 = await ann.rec.waitFor('roundStarted', (p) => p.round === 2, 5_000);
    expect(round2.sellerId).toBe(cat.user.id);
    const snapshotAfter = await ann.client.joinGame({ gameId });
    expect(snapshotAfter.players.find((p) => p.player.id === ben.user.id)).toMatchObject({ status: 'removed', money: 1_000, inventoryCount: 17 });
    expect(snapshotAfter.game.playerCount).toBe(2);
    await catRec.waitFor('roundStarted', (p) => p.round === 2);

    // Ann leaves too: fewer than 2 players remain, the round settles at once and the game ends.
    await ann.client.leaveGame({ gameId });
    const ended = await catRec.waitFor('gameEnded');
    expect(ended.leaderboard.map((e) => [e.player.id, e.position])).toEqual([[cat.user.id, 1]]);
    expect(ended.removed.map((e) => e.player.id).sort()).toEqual([ann.user.id, ben.user.id].sort());
    expect(ended.removed.find((e) => e.player.id === ben.user.id)).toMatchObject({ money: 1_000, inventory: full });
    expect(catRec.of('roundEnded').map((e) => [e.round, e.winnerId])).toEqual([[1, cat.user.id], [2, null]]);
    expect(await cat.user.rest.getGame({ params: { id: gameId } })).toMatchObject({ status: 'ended', round: 2 });
  });
});
