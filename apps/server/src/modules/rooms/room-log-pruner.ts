// Keeps the durable room log bounded: per room, an event is deleted only once it is both older than
// `minAgeMs` and outside the room's last `minEvents` events (SPEC §7: at least 1,000 events or 10 min).
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { currentSeq } from './room-log.js';

export interface RoomLogRetention {
  minEvents: number;
  minAgeMs: number;
}

export interface RoomLogPruner {
  /** Prunes once now; answers how many events were deleted. */
  prune(): Promise<number>;
  close(): void;
}

export function createRoomLogPruner(
  db: Db,
  retention: RoomLogRetention,
  opts: { intervalMs?: number; log?: FastifyBaseLogger; now?: () => number } = {},
): RoomLogPruner {
  const now = opts.now ?? Date.now;
  let running: Promise<number> | undefined;

  async function pruneOnce(): Promise<number> {
    const cutoff = new Date(now() - retention.minAgeMs);
    // Only rooms that have something old enough to go; on a quiet server this is an index range scan.
    const rooms = await db.roomEvent.groupBy({ by: ['room'], where: { at: { lt: cutoff } } });
    let deleted = 0;
    for (const { room } of rooms) {
      const keepFrom = (await currentSeq(db, room)) - retention.minEvents;
      if (keepFrom < 1) continue;
      const r = await db.roomEvent.deleteMany({ where: { room, at: { lt: cutoff }, seq: { lte: keepFrom } } });
      deleted += r.count;
    }
    return deleted;
  }

  const prune = () => (running ??= pruneOnce().finally(() => (running = undefined)));
  const timer = setInterval(() => {
    prune().catch((err: unknown) => opts.log?.error({ err }, 'room log pruning failed'));
  }, opts.intervalMs ?? 60_000);
  timer.unref();

  return { prune, close: () => clearInterval(timer) };
}
