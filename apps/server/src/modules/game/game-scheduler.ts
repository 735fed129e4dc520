// Runs the game's deadlines, exactly once whatever wakes them: timers (armed after each commit), a
// periodic sweep that catches what a timer missed (a restart, another node's game), and at start the
// overdue rounds and removals. Every settlement and removal is conditional in the database, so whichever
// caller runs first wins and the others are no-ops. Safe to run on every node.
import type { Logger } from '../../core/logger.js';
import type { GameService } from './game.service.js';

export interface GameScheduler {
  /** Reconciles connections, settles what is overdue, arms timers for the rest, starts the sweeps. */
  start(): Promise<void>;
  /** Removes players disconnected too long, then settles every overdue round; answers how many rounds it settled. */
  sweep(): Promise<number>;
  roundDue(gameId: string): void;
  removalDue(gameId: string, userId: string): void;
  close(): void;
}

export function createGameScheduler(deps: {
  games: () => GameService;
  log: Logger;
  /** Multi-node mode: sockets of a crashed node are only found by looking again now and then. */
  reconcileEveryMs?: number;
  /** 0: no periodic sweep (a test that moves the game clock by hand runs the sweeps itself). */
  sweepEveryMs?: number;
}): GameScheduler {
  const { log } = deps;
  const intervals: ReturnType<typeof setInterval>[] = [];
  // One sweep at a time in this process: its order (removals, then rounds) is what clients can rely on.
  let sweeping: Promise<number> = Promise.resolve(0);

  async function sweepOnce(): Promise<number> {
    const games = deps.games();
    for (const { gameId, userId } of await games.dueRemovals()) await games.removeIfDue(gameId, userId);
    let settled = 0;
    for (const gameId of new Set(await games.dueRounds())) if (await games.settleDue(gameId)) settled++;
    return settled;
  }
  const sweep = () => (sweeping = sweeping.catch(() => 0).then(sweepOnce));

  const every = (ms: number, what: string, work: () => Promise<unknown>) => {
    const timer = setInterval(() => void work().catch((err: unknown) => log.error({ err }, `${what} failed`)), ms);
    timer.unref();
    intervals.push(timer);
  };

  return {
    async start() {
      const games = deps.games();
      await games.reconcileConnections();
      await sweep();
      await games.armTimers();
      const sweepEveryMs = deps.sweepEveryMs ?? 2_000;
      if (sweepEveryMs > 0) every(sweepEveryMs, 'game sweep', sweep);
      if (deps.reconcileEveryMs) every(deps.reconcileEveryMs, 'game connection reconciliation', () => deps.games().reconcileConnections());
    },
    sweep,
    roundDue(gameId) {
      deps.games().settleDue(gameId).catch((err: unknown) => log.error({ err, gameId }, 'settling a game round failed'));
    },
    removalDue(gameId, userId) {
      deps.games().removeIfDue(gameId, userId).catch((err: unknown) => log.error({ err, gameId, userId }, 'removing a disconnected player failed'));
    },
    close() {
      for (const timer of intervals) clearInterval(timer);
    },
  };
}
