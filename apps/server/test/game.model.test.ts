// A seeded random game against a reference model (support/game-model.ts, not imported from the server): 5 players,
// random legal and illegal moves, players leaving, disconnecting and coming back. Every command's answer is
// predicted by the model; after every round the server's events and its database equal the model, and
// money and every item type are conserved.
//
// Time: rounds run on the games' test clock (BuildOptions.gameClock) with 300 s timers, and the test moves
// the clock to each deadline and runs the sweep — the same settlement path the timers take, without a
// real second per round. Real timers are tested in game.timers.test.ts. 200 rounds on SQLite; 30 on the
// other database projects (the same code paths, at a cost those projects' suites can afford).
import { BidwireError, type BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './fixtures.js';
import { recorder, testClock, type Recorder } from './game-fixtures.js';
import { startServer, type TestUser } from './harness.js';
import { Model, type ModelPlayer, type MRound } from './support/game-model.js';
import { testDbProvider } from './support/test-database.js';

const ROUNDS = Number(process.env.BIDWIRE_GAME_ROUNDS ?? (testDbProvider() === 'sqlite' && !process.env.BIDWIRE_TEST_REDIS_URL ? 200 : 30));
const SEED = Number(process.env.BIDWIRE_GAME_SEED ?? 20261201);
const START_MONEY = 500;
const ITEMS = [
  { item: 'amber', weight: 0.3, value: 40 },
  { item: 'cloves', weight: 1.7, value: 9 },
  { item: 'indigo', weight: 2, value: 25 },
  { item: 'myrrh', weight: 0.1, value: 60 },
];
const START = [
  { item: 'amber', quantity: 3 },
  { item: 'cloves', quantity: 6 },
  { item: 'indigo', quantity: 2 },
];
const TIMER_MS = 300_000;
const REMOVE_AFTER_MS = 60_000;

/** A model player with the test's handles on it: its user and, while connected, its client and event recorder. */
interface MPlayer extends ModelPlayer {
  user: TestUser;
  client: BidwireClient | null;
  rec: Recorder | null;
}

describe('a seeded random game against a reference model', () => {
  it(`plays ${ROUNDS} rounds with 5 players; after every round the server equals the model and conserves money and items`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const clock = testClock();
    await using t = await startServer(
      { GAME_REMOVE_AFTER_MS: String(REMOVE_AFTER_MS), RATE_LIMITS: '*=1000' },
      { gameClock: clock.now },
    );
    const db = t.server.db;
    const model = new Model<MPlayer>({ items: ITEMS, maxRounds: ROUNDS });
    const users = await Promise.all(['P0', 'P1', 'P2', 'P3', 'P4'].map((n) => t.signIn(n)));
    const game = await users[0]!.rest.createGame({
      body: { title: 'Model game', maxPlayers: 5, maxRounds: ROUNDS, startMoney: START_MONEY, bidTimeMs: TIMER_MS, sellTimeMs: TIMER_MS, items: ITEMS, startInventory: START },
    });
    const gameId = game.id;
    for (const [i, user] of users.entries()) {
      const client = await user.connect();
      const rec = recorder(client);
      await client.joinGame({ gameId });
      await client.setReady({ gameId, ready: true });
      model.players.push({
        user, id: user.id, position: i, money: START_MONEY, inv: new Map(START.map((s) => [s.item, s.quantity])),
        removed: false, leaving: false, client, rec,
      });
    }
    const [p0] = model.players as [MPlayer];
    const observer = p0.rec!; // P0 and P1 never leave: the game always has 2 players.

    /** Sends a command and checks the server's answer is the one the model predicts. */
    async function expectAnswer<T>(what: string, attempt: Promise<T>, code: string | null): Promise<T | null> {
      try {
        const data = await attempt;
        expect(code, `${what} was accepted`).toBeNull();
        return data;
      } catch (error) {
        if (!(error instanceof BidwireError)) throw error;
        expect(error.code, `${what}: ${error.message}`).toBe(code);
        return null;
      }
    }

    let verified = 0;
    const playerStates = new Map(model.players.map((p) => [p.id, 0]));
    /** Every settlement the model made since the last check is what the server sent and stored. */
    async function verifySettlements() {
      const expected = model.settled.slice(verified);
      if (expected.length === 0) return;
      const total = model.settled.length;
      await observer.waitFor('roundEnded', () => observer.of('roundEnded').length >= total);
      const got = observer.of('roundEnded').slice(verified, total);
      expect(got.map(({ seq: _s, at: _a, replayed: _r, gameId: _g, ...rest }) => rest)).toEqual(expected);
      verified = total;
      // Each connected player's own state, once per settlement, equal to the model.
      for (const p of model.players) {
        if (!p.client) continue;
        const want = (playerStates.get(p.id) ?? 0) + expected.length;
        await p.rec!.waitFor('playerState', () => p.rec!.of('playerState').length >= want);
        const states = p.rec!.of('playerState');
        expect(states).toHaveLength(want);
        expect(states.at(-1)).toMatchObject({ gameId, money: p.money, inventory: model.inventory(p) });
        playerStates.set(p.id, want);
      }
      await verifyDatabase();
    }

    /** The database holds exactly the model's holdings; money and items add up to what the game began with. */
    async function verifyDatabase() {
      const rows = await db.gamePlayer.findMany({ where: { gameId }, include: { holdings: true } });
      const stored = rows.map((r) => ({
        id: r.userId,
        removed: r.status === 'removed',
        money: Number(r.money),
        inventory: ITEMS.map((t) => ({ item: t.item, quantity: r.holdings.find((h) => h.item === t.item)?.quantity ?? 0 })),
      }));
      const want = model.players.map((p) => ({ id: p.id, removed: p.removed, money: p.money, inventory: model.inventory(p) }));
      expect(stored.sort((a, b) => a.id.localeCompare(b.id))).toEqual(want.sort((a, b) => a.id.localeCompare(b.id)));
      expect(stored.reduce((n, p) => n + p.money, 0)).toBe(5 * START_MONEY);
      for (const t of ITEMS) {
        const start = (START.find((s) => s.item === t.item)?.quantity ?? 0) * 5;
        expect(stored.reduce((n, p) => n + p.inventory.find((i) => i.item === t.item)!.quantity, 0), t.item).toBe(start);
      }
    }

    async function reconnect(p: MPlayer) {
      const client = await p.user.connect();
      const rec = recorder(client);
      const snapshot = await client.joinGame({ gameId });
      p.client = client;
      p.rec = rec;
      playerStates.set(p.id, 0);
      expect(snapshot.you).toEqual({ money: p.money, inventory: model.inventory(p) });
      expect(snapshot.players.map((x) => [x.player.id, x.status, x.money, x.inventoryCount])).toEqual(
        model.players.map((x) => [x.id, x.removed ? 'removed' : 'playing', x.money, model.count(x)]),
      );
      expect(snapshot.game).toMatchObject({ status: 'running', round: model.round!.round, sellerId: model.round!.sellerId, phase: model.round!.phase });
      await observer.waitFor('playerConnected', (e) => e.playerId === p.id);
    }

    async function disconnect(p: MPlayer) {
      const before = observer.of('playerDisconnected').filter((e) => e.playerId === p.id).length;
      p.client!.close();
      p.client = null;
      p.rec = null;
      await observer.waitFor('playerDisconnected', () => observer.of('playerDisconnected').filter((e) => e.playerId === p.id).length > before);
    }

    /** Moves the clock to the round's deadline and sweeps: removals first, then the due round. */
    async function timeRunsOut() {
      clock.reach(model.round!.dueAt);
      model.sweep(clock.now().getTime());
      await t.server.maintenance.sweepGames();
    }

    await p0.client!.startGame({ gameId });
    model.start();
    let illegal = 0;
    let accepted = 0;
    const moves = { leave: 0, drop: 0, bounce: 0 };

    while (!model.ended) {
      const r: MRound = model.round!;
      const started = await observer.waitFor('roundStarted', (e) => e.round === r.round);
      expect(started.sellerId, `seller of round ${r.round}`).toBe(r.sellerId);
      r.dueAt = started.sellEndsAt;

      // Players leave, drop for good, or drop and come back: at fixed rounds (so every run has each), and at
      // random. P0 (the observer) stays, and so does P1, so the game always has 2 players.
      const others = model.players.slice(2).filter((p) => !p.removed && !p.leaving && p.client);
      const roll = random();
      const forced = { 3: 'bounce', 6: 'leave', 9: 'drop' }[r.round];
      const move = forced ?? (roll < 0.01 ? 'leave' : roll < 0.02 ? 'drop' : roll < 0.1 ? 'bounce' : null);
      if (move === 'leave' && others.length > 0) {
        const p = forced ? model.players[3]! : pick(others);
        await expectAnswer('leaveGame', p.client!.leaveGame({ gameId }), null);
        model.remove(p);
        moves.leave++;
        await observer.waitFor('playerLeft', (e) => e.playerId === p.id && e.reason === 'removed');
        if (model.round !== r) {
          await verifySettlements();
          continue;
        }
      } else if (move === 'drop' && others.length > 0) {
        const p = forced ? model.players[2]! : pick(others);
        await disconnect(p);
        p.leaving = true;
        moves.drop++;
      } else if (move === 'bounce') {
        const p = forced ? model.players[4]! : pick(model.players.slice(1).filter((x) => !x.removed && !x.leaving && x.client));
        await disconnect(p);
        await reconnect(p);
        moves.bounce++;
      }

      const seller = model.get(r.sellerId);
      const connected = model.players.filter((p) => p.client);
      // A few illegal moves from anyone connected (removed players included).
      for (let i = int(0, 2); i > 0; i--) {
        const p = pick(connected);
        const kind = int(0, 3);
        const amount = int(1, 50);
        const stranger = pick(connected.filter((x) => x.id !== seller.id));
        const items = [{ item: pick(ITEMS).item, quantity: int(1, 3) }];
        const gold = [{ item: 'gold', quantity: 1 }];
        illegal++;
        if (kind === 0) await expectAnswer('bid while selling', p.client!.gameBid({ gameId, amount }), model.bidRefusal(p, amount));
        else if (kind === 1) await expectAnswer('sell by another', stranger.client!.sell({ gameId, items }), model.sellRefusal(stranger, items));
        else if (kind === 2) await expectAnswer('setReady while running', p.client!.setReady({ gameId, ready: true }), p.removed ? 'FORBIDDEN' : 'INVALID_STATE');
        else await expectAnswer('unknown item', p.client!.sell({ gameId, items: gold }), model.sellRefusal(p, gold));
      }

      // The seller sells (or forfeits: sometimes by choice, always when gone or empty-handed).
      const holding = ITEMS.filter((t) => (seller.inv.get(t.item) ?? 0) > 0);
      if (seller.client && !seller.removed && holding.length > 0 && random() < 0.9) {
        if (random() < 0.3) {
          const t0 = pick(ITEMS);
          const tooMany = [{ item: t0.item, quantity: (seller.inv.get(t0.item) ?? 0) + int(1, 3) }];
          illegal++;
          await expectAnswer('sell more than held', seller.client.sell({ gameId, items: tooMany }), model.sellRefusal(seller, tooMany));
        }
        const chosen = holding.filter(() => random() < 0.6);
        const items = (chosen.length ? chosen : [pick(holding)]).map((t) => ({ item: t.item, quantity: int(1, seller.inv.get(t.item)!) }));
        const unused = ITEMS.filter((x) => !items.some((i) => i.item === x.item));
        if (unused.length > 0 && random() < 0.2) items.push({ item: pick(unused).item, quantity: 0 });
        const answer = await expectAnswer('sell', seller.client.sell({ gameId, items }), model.sellRefusal(seller, items));
        const weight = model.sell(seller, items, answer!.sale.endsAt);
        expect(answer!.sale).toMatchObject({ round: r.round, sellerId: seller.id, weight, items: items.filter((i) => i.quantity > 0) });
        expect(Date.parse(answer!.sale.endsAt) - Date.parse(answer!.sale.createdAt)).toBe(TIMER_MS);

        // Bids: legal and illegal, from the other connected players (the seller tries too, now and then).
        for (let i = int(0, 6); i > 0; i--) {
          const bidders = model.players.filter((p) => p.client && p.id !== seller.id);
          const p = random() < 0.1 ? seller : pick(bidders);
          const highest = model.round!.highest?.amount ?? 0;
          const amount = pick([highest + int(1, 40), Math.max(1, highest - int(0, 5)), p.money + int(1, 20), Math.max(1, Math.min(p.money, highest + 1))]);
          const code = model.bidRefusal(p, amount);
          const answer = await expectAnswer(`bid ${amount}`, p.client!.gameBid({ gameId, amount }), code);
          if (code) illegal++;
          else {
            accepted++;
            expect(Date.parse(answer!.bid.endsAt) - Date.parse(answer!.bid.createdAt)).toBe(TIMER_MS);
            model.bid(p, amount, answer!.bid.endsAt);
          }
        }
      }

      await timeRunsOut();
      await verifySettlements();
    }

    const ended = await observer.waitFor('gameEnded');
    expect(ended.leaderboard.map((e) => ({ id: e.player.id, score: e.score, position: e.position }))).toEqual(model.leaderboard());
    expect(ended.removed.map((e) => e.player.id).sort()).toEqual(model.players.filter((p) => p.removed).map((p) => p.id).sort());
    for (const e of [...ended.leaderboard, ...ended.removed]) {
      const p = model.get(e.player.id);
      expect({ money: e.money, inventory: e.inventory, score: e.score }).toEqual({ money: p.money, inventory: model.inventory(p), score: model.score(p) });
    }
    expect(model.settled).toHaveLength(ROUNDS);
    expect(observer.invalid).toEqual([]); // every event matched its contract schema
    // The run really exercised the rules.
    expect(illegal).toBeGreaterThan(ROUNDS / 2);
    expect(accepted).toBeGreaterThan(ROUNDS / 2);
    expect(moves.leave).toBeGreaterThan(0);
    expect(moves.drop).toBeGreaterThan(0);
    expect(moves.bounce).toBeGreaterThan(0);
    // P1 (which may have dropped and come back on a new client) saw the same rounds since it last joined.
    const p1 = model.players[1]!;
    await p1.rec!.waitFor('gameEnded');
    const seen = p1.rec!.of('roundEnded').map((e) => e.seq);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(observer.of('roundEnded').map((e) => e.seq).slice(-seen.length));
  }, 600_000);
});
