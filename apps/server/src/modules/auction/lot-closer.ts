// Closes timed lots at their end, exactly once: timers wake it, a periodic sweep catches anything a
// timer missed (a restart, another node's lot), and the close itself is conditional (`status: open`),
// so whichever caller runs first wins and every other one is a no-op. Safe to run on every node.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import type { LotTimers } from './lot-timers.js';

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
  db: Db;
  closer: DueLotCloser;
  timers: LotTimers;
  log: FastifyBaseLogger;
  sweepIntervalMs?: number;
}): LotCloser {
  const { db, closer, log } = deps;
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
    const due = await db.lot.findMany({ where: { status: 'open', endsAt: { lte: new Date() } }, select: { id: true } });
    let closed = 0;
    for (const { id } of due) if ((await closer.closeDueLot(id)).closed) closed++;
    return closed;
  }

  return {
    async start() {
      await sweep();
      const pending = await db.lot.findMany({ where: { status: 'open', endsAt: { not: null } }, select: { id: true, endsAt: true } });
      for (const lot of pending) if (lot.endsAt) deps.timers.schedule(lot.id, lot.endsAt);
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
