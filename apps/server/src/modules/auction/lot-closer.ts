// Closes timed lots at their end, exactly once: timers wake it, a periodic sweep catches anything a
// timer missed (a restart, another node's lot), and the close itself is conditional (`status: open`),
// so whichever caller runs first wins and every other one is a no-op. Safe to run on every node.
import type { Logger } from '../../core/logger.js';
import type { DueTimers } from '../../core/ports/due-timers.js';
import type { AuctionRepository } from './auction.repository.js';

export interface DueLotCloser {
  /** Awards the lot if it is open and its end has passed; answers its end when it is still ahead. */
  closeDueLot(lotId: string): Promise<{ closed: boolean; endsAt: Date | null }>;
}

export interface LotCloser {
  /** Closes every overdue lot and arms a timer for each pending one (call at start). */
  start(): Promise<void>;
  /** Closes every open timed lot whose end has passed; answers how many it closed. */
  sweep(): Promise<number>;
  /** A timer fired for this lot. */
  onDue(lotId: string): Promise<void>;
  close(): void;
}

export function createLotCloser(deps: {
  repo: AuctionRepository;
  closer: DueLotCloser;
  timers: DueTimers;
  log: Logger;
  sweepIntervalMs?: number;
}): LotCloser {
  const { repo, closer, log } = deps;
  let sweeper: ReturnType<typeof setInterval> | undefined;

  async function onDue(lotId: string) {
    try {
      const { endsAt } = await closer.closeDueLot(lotId);
      // Still ahead (soft close moved it, or the timer fired a little early): follow the new end.
      if (endsAt) deps.timers.schedule(lotId, endsAt);
    } catch (err) {
      log.error({ err, lotId }, 'closing a timed lot failed');
    }
  }

  async function sweep() {
    let closed = 0;
    for (const id of await repo.dueLotIds(new Date())) if ((await closer.closeDueLot(id)).closed) closed++;
    return closed;
  }

  return {
    async start() {
      await sweep();
      for (const lot of await repo.timedOpenLots()) deps.timers.schedule(lot.id, lot.endsAt);
      sweeper = setInterval(() => {
        sweep().catch((err: unknown) => log.error({ err }, 'timed lot sweep failed'));
      }, deps.sweepIntervalMs ?? 5_000);
      sweeper.unref();
    },
    sweep,
    onDue,
    close() {
      if (sweeper) clearInterval(sweeper);
      deps.timers.close();
    },
  };
}
