// Reads the durable room log for `resync`, one bounded page at a time: the events after a seq, each marked
// `replayed: true`, or null when the log no longer holds them (the caller answers a snapshot instead).
// The cost of one call is bounded (a `take`-limited query, a byte cap), so a client asking for a room's
// whole history cannot hold the event loop (SQLite reads are synchronous) or the socket for long.
import { sqliteExclusive, type Db } from '../../db/client.js';
import { readRemembering, rememberedReads } from '../../db/sqlite-remembered-reads.js';
import { inTransaction } from '../../db/tx.js';
import { pageLength, replayDecision, type PageLimits } from './replay-rule.js';
import { currentSeq } from './room-log.js';
import { readLogSqlite } from './sqlite-room-read.js';

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

/**
 * The page after `afterSeq`, from one consistent read (the current seq and the rows belong together). On SQLite
 * by direct SQL on the connection of the bid writes (sqlite-room-read.ts: no ORM round per statement for a crowd
 * resyncing at once), the page remembered while the database is unchanged (clients back from the same outage ask
 * for the same one; db/sqlite-remembered-reads.ts); elsewhere through Prisma in a REPEATABLE READ transaction.
 * A page is handed to every caller that asked for it: callers must not change it.
 */
export async function eventsPage(db: Db, room: string, afterSeq: number, limits: PageLimits = DEFAULT_PAGE_LIMITS): Promise<ReplayPage | null> {
  const sqlite = sqliteExclusive(db);
  if (!sqlite) return pageFrom(await readLogPrisma(db, room, afterSeq, limits.maxEvents), afterSeq, limits);
  const key = `${room} ${afterSeq} ${limits.maxEvents} ${limits.maxBytes} ${limits.maxGap}`;
  const read = await readRemembering(sqlite, (client) =>
    rememberedPages(client, key, () => pageFrom(readLogSqlite(client, room, afterSeq, limits.maxEvents), afterSeq, limits)),
  );
  if (read.reused) pageReadStats.reused++;
  return read.value;
}

/**
 * Pages remembered per room and position: a bound, not a tuning (only requests between two writes reuse one). A
 * page holds up to `maxBytes` of events (64 KB by default), so 16 of them stay within a few MB.
 */
const rememberedPages = rememberedReads<ReplayPage | null>(16);

/** How many pages were answered from memory (tests check that it happens). */
export const pageReadStats = { reused: 0 };

/** The page a read answers: null when the log no longer reaches back to `afterSeq` (a snapshot instead). */
export function pageFrom({ current, rows }: LogRead, afterSeq: number, limits: PageLimits): ReplayPage | null {
  if (replayDecision(afterSeq, current, rows.map((r) => r.seq), limits) === 'snapshot') return null;
  const page = rows.slice(0, pageLength(rows.map((r) => Buffer.byteLength(r.event) + Buffer.byteLength(r.payload)), limits.maxBytes));
  const last = page.at(-1)?.seq ?? afterSeq;
  return { events: replayed(page), hasMore: last < current, nextAfterSeq: last };
}

/** The room's current seq and up to `take` stored events after `afterSeq`, in seq order. */
export interface LogRead {
  current: number;
  rows: { seq: number; event: string; payload: string }[];
}

export function readLogPrisma(db: Db, room: string, afterSeq: number, take: number): Promise<LogRead> {
  return inTransaction(db, async (tx) => {
    const current = await currentSeq(tx, room);
    // Nothing after `afterSeq` to read: no query (a seq beyond the column's 32 bits would fail it on PostgreSQL).
    if (afterSeq >= current) return { current, rows: [] };
    const rows = await tx.roomEvent.findMany({
      where: { room, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take,
      select: { seq: true, event: true, payload: true },
    });
    return { current, rows };
  }, { consistentRead: true });
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
