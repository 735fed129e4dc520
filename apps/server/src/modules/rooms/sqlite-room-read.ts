// A room's log read on SQLite without the ORM (resync's pages): the current seq and the events after a seq, as
// prepared statements run synchronously on the direct connection (SqliteAdapterFactory.exclusive), so nothing
// commits between the two. The same rows as room-replay.ts's Prisma read.
import type Database from 'better-sqlite3';
import { preparedStatements } from '../../db/sqlite-statements.js';
import type { LogRead } from './room-replay.js';

const SQL = {
  seq: `SELECT "seq" FROM "RoomSeq" WHERE "room" = ?`,
  events: `SELECT "seq", "event", "payload" FROM "RoomEvent" WHERE "room" = ? AND "seq" > ? ORDER BY "seq" ASC LIMIT ?`,
} as const;

const statementsOf = preparedStatements(SQL);

/** A room's last seq (0 before its first event), as room-log.ts's `currentSeq` reads it through Prisma. */
export function currentSeqSqlite(client: Database.Database, room: string): number {
  return Number((statementsOf(client).seq.get(room) as { seq: number | bigint } | undefined)?.seq ?? 0);
}

/** Runs inside SqliteAdapterFactory.exclusive. */
export function readLogSqlite(client: Database.Database, room: string, afterSeq: number, take: number): LogRead {
  const s = statementsOf(client);
  const current = currentSeqSqlite(client, room);
  if (afterSeq >= current) return { current, rows: [] };
  const rows = s.events.all(room, afterSeq, take) as { seq: number | bigint; event: string; payload: string }[];
  return { current, rows: rows.map((r) => ({ seq: Number(r.seq), event: r.event, payload: r.payload })) };
}
