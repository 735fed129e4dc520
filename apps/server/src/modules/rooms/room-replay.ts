// Reads the durable room log for `resync`, one bounded page at a time: the events after a seq, each marked
// `replayed: true`, or null when the log no longer holds them (the caller answers a snapshot instead).
// The cost of one call is bounded (a `take`-limited query, a byte cap), so a client asking for a room's
// whole history cannot hold the event loop (SQLite reads are synchronous) or the socket for long.
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { pageLength, replayDecision, type PageLimits } from './replay-rule.js';
import { currentSeq } from './room-log.js';

export interface ReplayedEvent {
  event: string;
  payload: { seq: number; at: string; replayed: true } & Record<string, unknown>;
}

export interface ReplayPage {
  events: ReplayedEvent[];
  /** More events follow: ask again after `nextAfterSeq`. */
  hasMore: boolean;
  /** The seq of the last event answered (`afterSeq` when none). */
  nextAfterSeq: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxEvents: 500, maxBytes: 64 * 1024, maxGap: 5_000 };

export async function eventsPage(db: Db, room: string, afterSeq: number, limits: PageLimits = DEFAULT_PAGE_LIMITS): Promise<ReplayPage | null> {
  // One transaction: the current seq and the rows read belong together.
  const { current, rows } = await inTransaction(db, async (tx) => {
    const current = await currentSeq(tx, room);
    // Nothing after `afterSeq` to read: no query (a seq beyond the column's 32 bits would fail it on PostgreSQL).
    if (afterSeq >= current) return { current, rows: [] };
    const rows = await tx.roomEvent.findMany({
      where: { room, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take: limits.maxEvents,
      select: { seq: true, event: true, payload: true },
    });
    return { current, rows };
  }, { consistentRead: true });
  if (replayDecision(afterSeq, current, rows.map((r) => r.seq), limits) === 'snapshot') return null;
  const page = rows.slice(0, pageLength(rows.map((r) => Buffer.byteLength(r.event) + Buffer.byteLength(r.payload)), limits.maxBytes));
  const last = page.at(-1)?.seq ?? afterSeq;
  return { events: replayed(page), hasMore: last < current, nextAfterSeq: last };
}

/**
 * The stored payloads are JSON objects as first sent: `replayed: true` is spliced into their text and the
 * page is parsed in one call, rather than parsing and spreading every payload on its own.
 */
function replayed(rows: { event: string; payload: string }[]): ReplayedEvent[] {
  if (rows.length === 0) return [];
  const text = rows.map((r) => `{"event":${JSON.stringify(r.event)},"payload":${r.payload.slice(0, -1)},"replayed":true}}`).join(',');
  return JSON.parse(`[${text}]`) as ReplayedEvent[];
}
