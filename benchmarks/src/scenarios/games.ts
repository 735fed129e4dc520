// Scenario: many auction games at once (SPEC §8). G games × P players, each round: the seller sells, the
// others bid once, and the server's bid timer (bidTimeMs after the last bid) settles the round. Measured:
// settlement lag (the round's due time → roundEnded received by each player) and the server's CPU.
// Players are raw BenchSockets in this process (a game player sends a few commands per round; the
// server's work is what the figures describe).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BenchSocket } from '../bench-socket.js';
import { startServer } from '../children.js';
import { summarize, type Summary } from '../stats.js';
import { cpuSecondsOf } from '../util.js';
import { insertUsers, mintUsers, type BenchUser } from '../users.js';
import { bidwireEnv } from './target.js';

export interface GamesParams {
  games: number;
  players: number;
  rounds: number;
  bidTimeMs: number;
}

export interface GamesResult extends GamesParams {
  /** roundEnded receipts: expected games × players × rounds. */
  expected: number;
  received: number;
  /** Due time of the round (its last endsAt) → roundEnded at a player, ms. */
  lag: Summary;
  /** Rounds settled per second of the measured span, all games together. */
  roundsPerSecond: number;
  /** Server CPU over the measured span: seconds, and the share of one core. */
  cpuSeconds: number;
  cpuShareOfOneCore: number;
  seconds: number;
  refusals: Record<string, number>;
}

const ITEMS = [{ item: 'grain', weight: 1, value: 1 }];

interface Player {
  user: BenchUser;
  socket: BenchSocket;
  gameId: string;
  /** The latest deadline seen per round (sellEndsAt, then each endsAt). */
  due: Map<number, number>;
  ended: boolean;
}

export async function runGames(p: GamesParams, log: (msg: string) => void): Promise<GamesResult> {
  const say = (msg: string) => log(`games ${p.games}×${p.players}, ${p.rounds} rounds, ${p.bidTimeMs} ms timers: ${msg}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-bench-games-'));
  say('starting server');
  const server = await startServer({ kind: 'bidwire', env: bidwireEnv(`file:${path.join(dir, 'bench.db')}`) });
  const players: Player[] = [];
  try {
    const users = await mintUsers(p.games * p.players, 'g');
    await insertUsers(server, users);
    const lags: number[] = [];
    const refusals: Record<string, number> = {};
    const refused = (code: string) => (refusals[code] = (refusals[code] ?? 0) + 1);

    say('creating games and seating players');
    const gameIds: string[] = [];
    for (let g = 0; g < p.games; g += 20) {
      const batch = Array.from({ length: Math.min(20, p.games - g) }, async (_, i) => {
        const creator = users[(g + i) * p.players]!;
        const res = await fetch(`${server.url}/games`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${creator.token}` },
          body: JSON.stringify({
            title: `Bench game ${g + i + 1}`, maxPlayers: p.players, maxRounds: p.rounds, startMoney: 1_000_000,
            bidTimeMs: p.bidTimeMs, sellTimeMs: 30_000, items: ITEMS, startInventory: [{ item: 'grain', quantity: 1_000 }],
          }),
        });
        if (!res.ok) throw new Error(`POST /games answered ${res.status}: ${await res.text()}`);
        return ((await res.json()) as { id: string }).id;
      });
      gameIds.push(...(await Promise.all(batch)));
    }
    for (let g = 0; g < p.games; g++) {
      const seated = await Promise.all(
        users.slice(g * p.players, (g + 1) * p.players).map(async (user) => {
          const socket = await BenchSocket.connect(server.url, user.token);
          return { user, socket, gameId: gameIds[g]!, due: new Map<number, number>(), ended: false } satisfies Player;
        }),
      );
      // Join in seat order (the seller queue), then ready.
      for (const pl of seated) {
        const joined = await pl.socket.request('joinGame', { gameId: pl.gameId });
        if (!joined.ok) throw new Error(`joinGame: ${joined.error?.message}`);
      }
      for (const pl of seated) await pl.socket.request('setReady', { gameId: pl.gameId, ready: true });
      players.push(...seated);
    }

    for (const [index, pl] of players.entries()) {
      const seat = index % p.players;
      pl.socket.onEvent = (frame) => {
        const [event, payload] = JSON.parse(frame.slice(2)) as [string, Record<string, unknown>];
        const round = payload.round as number;
        if (event === 'roundStarted') {
          pl.due.set(round, Date.parse(payload.sellEndsAt as string));
          if (payload.sellerId === pl.user.id) {
            pl.socket.emit('sell', { gameId: pl.gameId, items: [{ item: 'grain', quantity: 1 }] }, (r) => void (r.ok || refused(r.error!.code)));
          }
        } else if (event === 'saleCreated') {
          pl.due.set(round, Date.parse(payload.endsAt as string));
          if (payload.sellerId !== pl.user.id) {
            // Everyone but the seller bids once, a little apart, with amounts that rise with the seat.
            setTimeout(() => {
              pl.socket.emit('gameBid', { gameId: pl.gameId, amount: round * 100 + seat }, (r) => void (r.ok || refused(r.error!.code)));
            }, Math.floor(Math.random() * 200));
          }
        } else if (event === 'gameBidPlaced') {
          pl.due.set(round, Math.max(pl.due.get(round) ?? 0, Date.parse(payload.endsAt as string)));
        } else if (event === 'roundEnded') {
          const due = pl.due.get(round);
          if (due !== undefined) lags.push(Date.now() - due);
        } else if (event === 'gameEnded') {
          pl.ended = true;
        }
      };
    }

    say('playing');
    const cpuBefore = cpuSecondsOf(server.pid);
    const startedAt = Date.now();
    await Promise.all(
      players.filter((_, i) => i % p.players === 0).map(async (creator) => {
        const started = await creator.socket.request('startGame', { gameId: creator.gameId });
        if (!started.ok) throw new Error(`startGame: ${started.error?.message}`);
      }),
    );
    const deadline = Date.now() + p.rounds * (p.bidTimeMs + 2_000) + 30_000;
    while (players.some((pl) => !pl.ended) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (Date.now() - startedAt) / 1000;
    const cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    const expected = p.games * p.players * p.rounds;
    const result: GamesResult = {
      ...p,
      expected,
      received: lags.length,
      lag: summarize(lags),
      roundsPerSecond: Math.round(((p.games * p.rounds) / seconds) * 10) / 10,
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      cpuShareOfOneCore: Math.round((cpuSeconds / seconds) * 1000) / 1000,
      seconds: Math.round(seconds * 10) / 10,
      refusals,
    };
    say(
      `${result.received}/${expected} roundEnded received; lag p50 ${result.lag.p50} p99 ${result.lag.p99} max ${result.lag.max} ms; ` +
        `server CPU ${result.cpuSeconds} s over ${result.seconds} s (${Math.round(result.cpuShareOfOneCore * 100)}% of a core)`,
    );
    return result;
  } finally {
    for (const pl of players) pl.socket.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
