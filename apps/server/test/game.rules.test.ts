// SPEC §8's refusals: every illegal move answers the code SPEC names (with a message that says why) and
// changes nothing — no event, no seq, no money or item moved, for anyone.
import { restRoutes } from '@bidwire/contract';
import { BidwireError, type BidwireClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { flush, waitUntil } from './fixtures.js';
import { gameConfig, readyLobby, recorder, testClock, type Seat } from './game-fixtures.js';
import { startServer, type TestServer } from './harness.js';

const SLOW = { bidTimeMs: 300_000, sellTimeMs: 300_000 };

/** Everything observable of the game: each player's snapshot (with their own holdings) and the REST view. */
async function observe(t: TestServer, gameId: string, seats: Seat[]) {
  for (const s of seats) await flush(s.client);
  const snapshots = await Promise.all(seats.map((s) => s.client.joinGame({ gameId })));
  // The snapshot reflects the room up to its seq: wait until each player's listeners have had those events too.
  await Promise.all(
    seats.map((s, i) => waitUntil(() => lastGameSeq(s) >= snapshots[i]!.seq, `${s.user.name}'s events up to seq ${snapshots[i]!.seq}`)),
  );
  return {
    rest: await seats[0]!.user.rest.getGame({ params: { id: gameId } }),
    snapshots: snapshots.map(({ serverTime: _t, ...rest }) => rest),
    // What each player has received, by name (so a failure shows which event was extra).
    received: seats.map((s) => s.rec.seen.map((r) => r.event)),
  };
}

/** The highest game-room seq a player's listeners received (playerState has its own, the user room's). */
function lastGameSeq(seat: Seat): number {
  const seqs = seat.rec.seen.filter((r) => r.event !== 'playerState').map((r) => (r.payload as { seq?: number }).seq ?? 0);
  return Math.max(0, ...seqs);
}

async function refused(attempt: Promise<unknown>): Promise<BidwireError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof BidwireError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('illegal moves in a game', () => {
  it('are refused with the SPEC code and change nothing, in the lobby, while selling, while bidding and once ended', async () => {
    const clock = testClock();
    await using t = await startServer({}, { gameClock: clock.now });
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben', 'Cat'], gameConfig({ maxRounds: 1, maxPlayers: 3, ...SLOW }));
    const [ann, ben, cat] = seats as [Seat, Seat, Seat];
    const stranger = await t.signIn('Stranger');
    const strangerClient = await stranger.connect();

    const expectRefusal = async (attempt: () => Promise<unknown>, code: string, message?: string | RegExp) => {
      const before = await observe(t, gameId, seats);
      const error = await refused(attempt());
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
      expect(await observe(t, gameId, seats)).toEqual(before);
      return error;
    };

    // Lobby: only the creator starts; everyone must be ready; strangers have no say; full is full.
    await ben.client.setReady({ gameId, ready: false });
    await expectRefusal(() => ben.client.startGame({ gameId }), 'FORBIDDEN', 'Only the creator can start the game.');
    await expectRefusal(() => ann.client.startGame({ gameId }), 'INVALID_STATE', 'Every player must be ready: Ben is not.');
    await ben.client.setReady({ gameId, ready: true });
    await expectRefusal(() => strangerClient.joinGame({ gameId }), 'INVALID_STATE', 'The game is full.');
    await expectRefusal(() => strangerClient.setReady({ gameId, ready: true }), 'FORBIDDEN');
    await expectRefusal(() => strangerClient.leaveGame({ gameId }), 'FORBIDDEN');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'salt', quantity: 1 }] }), 'INVALID_STATE');
    await expectRefusal(() => ben.client.gameBid({ gameId, amount: 5 }), 'INVALID_STATE');
    await expectRefusal(() => ben.user.rest.deleteGame({ params: { id: gameId } }), 'FORBIDDEN', 'Only the creator can delete the game.');
    await expectRefusal(() => ann.client.joinGame({ gameId: 'no-such-game' }), 'NOT_FOUND');

    // One player alone cannot start a game.
    const solo = await ann.user.rest.createGame({ body: gameConfig() });
    await ann.client.joinGame({ gameId: solo.id });
    await ann.client.setReady({ gameId: solo.id, ready: true });
    expect((await refused(ann.client.startGame({ gameId: solo.id }))).code).toBe('INVALID_STATE');
    expect(await ann.user.rest.getGame({ params: { id: solo.id } })).toMatchObject({ status: 'lobby', round: 0 });

    // Selling (Ann's turn).
    await ann.client.startGame({ gameId });
    await cat.rec.waitFor('roundStarted');
    await expectRefusal(() => ann.client.startGame({ gameId }), 'INVALID_STATE');
    await expectRefusal(() => ben.client.setReady({ gameId, ready: false }), 'INVALID_STATE');
    await expectRefusal(() => strangerClient.joinGame({ gameId }), 'INVALID_STATE', 'The game has already started.');
    await expectRefusal(() => strangerClient.gameBid({ gameId, amount: 5 }), 'FORBIDDEN');
    await expectRefusal(() => ben.client.sell({ gameId, items: [{ item: 'salt', quantity: 1 }] }), 'FORBIDDEN', 'Only this round’s seller can sell.');
    await expectRefusal(() => ben.client.gameBid({ gameId, amount: 5 }), 'INVALID_STATE');
    await expectRefusal(() => ann.client.gameBid({ gameId, amount: 5 }), 'FORBIDDEN', 'You cannot bid on your own sale.');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'saffron', quantity: 3 }] }), 'INVALID_STATE', 'You only have 2 saffron; you cannot sell 3.');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'salt', quantity: -1 }] }), 'VALIDATION_FAILED');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'salt', quantity: 1.5 }] }), 'VALIDATION_FAILED');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'salt', quantity: 0 }] }), 'VALIDATION_FAILED', 'Invalid sell payload.');
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'gold', quantity: 1 }] }), 'VALIDATION_FAILED', /no item called gold/);

    // Bidding.
    await ann.client.sell({ gameId, items: [{ item: 'saffron', quantity: 2 }] });
    await ben.client.gameBid({ gameId, amount: 50 });
    await expectRefusal(() => ann.client.sell({ gameId, items: [{ item: 'salt', quantity: 1 }] }), 'INVALID_STATE');
    await expectRefusal(() => ann.client.gameBid({ gameId, amount: 60 }), 'FORBIDDEN');
    const low = await expectRefusal(() => cat.client.gameBid({ gameId, amount: 50 }), 'BID_TOO_LOW', 'Bid must be higher than the current bid (50)');
    expect(low.details).toEqual({ minimumBid: 51 });
    await expectRefusal(() => cat.client.gameBid({ gameId, amount: 1_001 }), 'INVALID_STATE', 'You have only 1000; you cannot bid 1001.');
    await expectRefusal(() => strangerClient.gameBid({ gameId, amount: 60 }), 'FORBIDDEN');

    // Past the bid timer (the clock moved, the round not yet swept): no more bids.
    const { endsAt } = (await ann.user.rest.getGame({ params: { id: gameId } })) as { endsAt: string };
    clock.reach(endsAt);
    await expectRefusal(() => cat.client.gameBid({ gameId, amount: 60 }), 'INVALID_STATE', 'Bidding on this round has ended.');

    // Ended (maxRounds 1).
    await t.server.maintenance.sweepGames();
    await ann.rec.waitFor('gameEnded');
    await expectRefusal(() => cat.client.gameBid({ gameId, amount: 60 }), 'INVALID_STATE', 'The game has ended.');
    await expectRefusal(() => ben.client.sell({ gameId, items: [{ item: 'salt', quantity: 1 }] }), 'INVALID_STATE');
    await expectRefusal(() => strangerClient.joinGame({ gameId }), 'INVALID_STATE', 'The game has ended.');
  });

  it('rate-limits gameBid per user (20/s, bursts of 40) with RATE_LIMITED', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben'], gameConfig(SLOW));
    // A token bucket admits at most its burst plus what refills while the requests arrive; on a loaded machine
    // they may take a while to arrive, so the bound counts the time they took.
    const sent = 100;
    const started = performance.now();
    const answers = await Promise.allSettled(Array.from({ length: sent }, () => seats[1]!.client.gameBid({ gameId, amount: 5 })));
    const seconds = (performance.now() - started) / 1000;
    const codes = answers.map((a) => (a.status === 'rejected' ? (a.reason as BidwireError).code : 'ok'));
    const admitted = codes.filter((c) => c !== 'RATE_LIMITED');
    expect(admitted.length).toBeLessThanOrEqual(40 + Math.ceil(20 * seconds));
    expect(admitted.length).toBeGreaterThanOrEqual(40); // the burst
    expect(admitted.every((c) => c === 'INVALID_STATE')).toBe(true); // the lobby has nothing to bid on
  });

  it('lets the creator delete a game: gameDeleted to the room, then it is gone for everyone', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben'], gameConfig(SLOW));
    const [ann, ben] = seats as [Seat, Seat];
    await ann.user.rest.deleteGame({ params: { id: gameId } });
    const deleted = await ben.rec.waitFor('gameDeleted');
    expect(deleted.gameId).toBe(gameId);
    await expect(ben.user.rest.getGame({ params: { id: gameId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ben.client.joinGame({ gameId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ann.user.rest.deleteGame({ params: { id: gameId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await ann.user.rest.listGames({ query: { limit: 100 } });
    expect(listed.items.map((g) => g.id)).not.toContain(gameId);
  });

  it('validates the config of POST /games and answers 400 with the issues', async () => {
    await using t = await startServer();
    const user = await t.signIn('Creator');
    const bad = await refused(user.rest.createGame({ body: gameConfig({ startInventory: [{ item: 'gold', quantity: 1 }] }) }));
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.details)).toContain("gold is not one of the game's items.");
    const created = await user.rest.createGame({ body: gameConfig() });
    expect(created).toMatchObject({ status: 'lobby', sellTimeMs: 5_000, creator: { id: user.id, name: 'Creator' }, playerCount: 0 });
    expect(restRoutes.createGame.response.safeParse(created).success).toBe(true);
    const defaulted = await user.rest.createGame({ body: { ...gameConfig(), sellTimeMs: undefined } });
    expect(defaulted.sellTimeMs).toBe(30_000);
    expect((await user.rest.listGames({ query: { status: 'lobby', limit: 10 } })).items.map((g) => g.id)).toContain(created.id);
    expect((await user.rest.listGames({ query: { status: 'running', limit: 10 } })).items).toEqual([]);
  });

  it('answers leaveGame in the lobby with playerLeft (left), and the seat is free again', async () => {
    await using t = await startServer();
    const { gameId, seats } = await readyLobby(t, ['Ann', 'Ben'], gameConfig({ maxPlayers: 2, ...SLOW }));
    const [ann, ben] = seats as [Seat, Seat];
    await ben.client.leaveGame({ gameId });
    expect(await ann.rec.waitFor('playerLeft')).toMatchObject({ gameId, playerId: ben.user.id, reason: 'left' });
    const newcomer = await t.signIn('Newcomer');
    const client: BidwireClient = await newcomer.connect();
    recorder(client);
    const snapshot = await client.joinGame({ gameId });
    expect(snapshot.players.map((p) => p.player.name)).toEqual(['Ann', 'Newcomer']);
  });
});
