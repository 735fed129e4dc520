// A game server SIGKILLed in the middle of bidding and started again on the same database: every
// acknowledged bid counts, the round settles exactly once — by the re-armed timer, or at start when its end
// passed while the server was down — and the players' SDKs get what they missed, once.
import type { BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { recorder, gameConfig, type Recorder } from './game-fixtures.js';
import { resilientClient, waitFor } from './support/resilient-client.js';
import { serverPerTest } from './support/server-per-test.js';
import { signInOverRest } from './support/server-process.js';

const JWT_SECRET = 'game-restart-secret-0123456789abcdefghij';
const signIn = (url: string, name: string) => signInOverRest(url, name, '+1558');

const startServerProcess = serverPerTest();

describe('a game server killed with SIGKILL mid-bidding and restarted on the same database', () => {
  it.each([
    ['before the round’s end (the restarted server re-arms its timer)', 'before'],
    ['after the round’s end (the restarted server settles it at start)', 'after'],
  ] as const)('settles the round exactly once, %s', async (_label, when) => {
    const { server } = await startServerProcess({ JWT_SECRET });
    // What a restart costs here decides how long the round must outlive one.
    const restartStarted = Date.now();
    await server.kill();
    await server.start();
    const restartMs = Date.now() - restartStarted;
    const bidTimeMs = when === 'before' ? Math.min(300_000, Math.max(3_000, 2 * restartMs + 2_000)) : 1_000;

    const url = server.url;
    const [ann, ben, cat] = await Promise.all(['Ann', 'Ben', 'Cat'].map((n) => signIn(url, n)));
    const game = await ann!.rest.createGame({ body: gameConfig({ bidTimeMs, sellTimeMs: 120_000, maxRounds: 2 }) });
    const gameId = game.id;
    const seats: { id: string; client: BidwireClient; rec: Recorder }[] = [];
    for (const u of [ann!, ben!, cat!]) {
      const client = await resilientClient(url, { token: u.accessToken });
      const rec = recorder(client);
      await client.joinGame({ gameId });
      await client.setReady({ gameId, ready: true });
      seats.push({ id: u.user.id, client, rec });
    }
    const [seller, b1, b2] = seats as [(typeof seats)[0], (typeof seats)[0], (typeof seats)[0]];
    await seller.client.startGame({ gameId });
    await seller.client.sell({ gameId, items: [{ item: 'saffron', quantity: 2 }] });

    // A bidding war; the server dies while it goes on (or, for 'after', right after a bid, and stays down
    // past that bid's end).
    const acked: { amount: number; playerId: string; endsAt: string }[] = [];
    const TOTAL = when === 'before' ? 16 : 4;
    const KILL_AFTER = when === 'before' ? 6 : 4;
    const war = (async () => {
      for (let i = 0; i < TOTAL; i++) {
        const bidder = i % 2 === 0 ? b1 : b2;
        const { bid } = await bidder.client.gameBid({ gameId, amount: 10 + i, requestId: `war-${i}` });
        acked.push({ amount: bid.amount, playerId: bid.playerId, endsAt: bid.endsAt });
      }
    })();
    if (when === 'before') {
      await waitFor(() => acked.length >= KILL_AFTER, `${KILL_AFTER} acknowledged bids`, 20_000);
      await server.kill(); // a bid is in flight, or about to be
      expect(acked.length).toBeLessThan(TOTAL);
      await server.start();
      await war;
    } else {
      await war;
      await server.kill();
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(acked.at(-1)!.endsAt) - Date.now()) + 300));
      await server.start();
    }
    const last = acked.at(-1)!;
    expect(acked.map((a) => a.amount)).toEqual(Array.from({ length: TOTAL }, (_, i) => 10 + i));

    // Every player gets round 1's end once, with the last acknowledged bid winning.
    for (const s of seats) await s.rec.waitFor('roundEnded', (e) => e.round === 1, 30_000);
    const ended = seats[0]!.rec.of('roundEnded')[0]!;
    expect(ended).toMatchObject({ round: 1, winnerId: last.playerId, amount: last.amount });
    if (when === 'before') {
      expect(Date.parse(ended.at)).toBeGreaterThanOrEqual(Date.parse(last.endsAt));
      expect(Date.parse(ended.at) - Date.parse(last.endsAt)).toBeLessThan(1_500);
    }
    expect(ended.players.reduce((n, p) => n + p.money, 0)).toBe(3_000);
    for (const s of seats) {
      await s.rec.waitFor('roundStarted', (e) => e.round === 2, 10_000);
      await s.rec.waitFor('playerState', () => true, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.rec.of('roundEnded').map((e) => e.round)).toEqual([1]);
      expect(s.rec.of('playerState')).toHaveLength(1);
    }
    // The room's durable log holds one roundEnded for round 1, and its seq has no gap.
    const history = await seller.client.resync({ room: { type: 'game', id: gameId }, afterSeq: 0 });
    if (!('events' in history)) throw new Error('expected the full history');
    expect(history.events.filter((e) => e.event === 'roundEnded')).toHaveLength(1);
    expect(history.events.map((e) => e.payload.seq)).toEqual(history.events.map((_, i) => i + 1));
    expect(history.events.filter((e) => e.event === 'gameBidPlaced')).toHaveLength(TOTAL);
  }, 180_000);
});
