// Reads the durable room log for `resync`: the events after a seq, each marked `replayed: true`,
// or null when the log no longer holds all of them (the caller answers a snapshot instead).
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { replayDecision } from './replay-rule.js';
import { currentSeq } from './room-log.js';

export interface ReplayedEvent {
  event: string;
  payload: { seq: number; at: string; replayed: true } & Record<string, unknown>;
}

/** Above this many missed events a snapshot is cheaper for both sides than a replay. */
export const MAX_REPLAY = 5_000;

export async function eventsAfter(db: Db, room: string, afterSeq: number, max = MAX_REPLAY): Promise<ReplayedEvent[] | null> {
  // One transaction: the current seq and the rows read belong together.
  const { current, rows } = await inTransaction(db, async (tx) => ({
    current: await currentSeq(tx, room),
    rows: await tx.roomEvent.findMany({
      where: { room, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take: max + 1,
      select: { seq: true, event: true, payload: true },
    }),
  }), { consistentRead: true });
  if (replayDecision(afterSeq, current, rows.map((r) => r.seq), max) === 'snapshot') return null;
  return rows.map((r) => ({
    event: r.event,
    payload: { ...(JSON.parse(r.payload) as { seq: number; at: string }), replayed: true as const },
  }));
}
