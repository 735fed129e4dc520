// Keeps the durable room log bounded: per room, an event is deleted only once it is both older than
// `minAgeMs` and outside the room's last `minEvents` events (SPEC §7: at least 1,000 events or 10 min).
import type { Db } from '../../db/client.js';
import type { Logger } from '../../core/logger.js';
import { deleteEventsBefore, roomsLongerThan } from './room-log.js';

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
  opts: { intervalMs?: number; log?: Logger; now?: () => number } = {},
): RoomLogPruner {
  const now = opts.now ?? Date.now;
  let running: Promise<number> | undefined;

  async function pruneOnce(): Promise<number> {
    const cutoff = new Date(now() - retention.minAgeMs);
    // Only rooms that ever had more events than are always kept can have something to prune.
    let deleted = 0;
    for (const { room, seq } of await roomsLongerThan(db, retention.minEvents)) {
      deleted += await deleteEventsBefore(db, room, cutoff, seq - retention.minEvents);
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
