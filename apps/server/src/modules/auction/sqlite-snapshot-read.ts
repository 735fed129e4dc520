// The persisted part of an auction room's snapshot on SQLite, without the ORM: the same rows as the Prisma read
// of auction-snapshot.ts, as prepared statements run synchronously on the direct connection
// (SqliteAdapterFactory.exclusive), so nothing commits between them. A crowd joining at once (a reconnect
// storm) made this read the largest cost of a join: about ten ORM rounds and an interactive transaction each
// time, against microseconds for the statements themselves. Columns decode as in bid-columns.ts.
import type Database from 'better-sqlite3';
import { auctionRoom } from '../../core/rooms.js';
import { rememberedReads } from '../../db/sqlite-remembered-reads.js';
import { preparedStatements } from '../../db/sqlite-statements.js';
import type { AuctionRow, BidRow, CommentRow } from './auction.mappers.js';
import { columnList, decodeRow, LOT_COLUMNS, lotFromColumns, type ColumnKind } from './bid-columns.js';
import { maximaFrom, type OwnMaxima } from './bid-maximum.js';
import { currentSeqSqlite } from '../rooms/sqlite-room-read.js';
import type { SnapshotRows } from './auction-snapshot.js';

const AUCTION_COLUMNS = {
  id: 'text',
  title: 'text',
  description: 'text?',
  categoryId: 'text?',
  imageUrl: 'text?',
  status: 'text',
  startsAt: 'time?',
  expiresAt: 'time?',
  startedAt: 'time?',
  endedAt: 'time?',
  createdAt: 'time',
} as const satisfies Record<keyof Omit<AuctionRow, 'owner'>, ColumnKind>;

const PUBLIC_BID_COLUMNS = {
  id: 'text',
  auctionId: 'text',
  lotId: 'text',
  amount: 'money',
  auto: 'bool',
  createdAt: 'time',
} as const satisfies Record<keyof Omit<BidRow, 'user'>, ColumnKind>;

const COMMENT_COLUMNS = {
  id: 'text',
  auctionId: 'text',
  text: 'text',
  createdAt: 'time',
} as const satisfies Record<keyof Omit<CommentRow, 'user'>, ColumnKind>;

const OWN_MAXIMA_COLUMNS = { userId: 'text', maxAmount: 'money?', amount: 'money?' } as const satisfies Record<string, ColumnKind>;

const USER_COLUMNS = { id: 'text', name: 'text', avatarUrl: 'text?' } as const satisfies Record<keyof AuctionRow['owner'], ColumnKind>;
/** The author's public fields, beside the row's own columns (as "user.id", "user.name", …). */
const userColumns = (alias: string) => Object.keys(USER_COLUMNS).map((c) => `${alias}."${c}" AS "user.${c}"`).join(', ');
const userOf = (row: Record<string, unknown>) =>
  decodeRow(USER_COLUMNS, Object.fromEntries(Object.keys(USER_COLUMNS).map((c) => [c, row[`user.${c}`]])));

const SQL = {
  auction: `SELECT ${columnList(AUCTION_COLUMNS, 'a')}, ${userColumns('u')} FROM "Auction" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ?`,
  openLot: `SELECT ${columnList(LOT_COLUMNS)} FROM "Lot" WHERE "auctionId" = ? AND "status" = 'open' LIMIT 1`,
  // As the repository's recentBids: accepted bids never decrease, so the largest is the newest (an automatic bid
  // may equal the bid that triggered it, and came after it).
  recentBids: `SELECT ${columnList(PUBLIC_BID_COLUMNS, 'b')}, ${userColumns('u')} FROM "Bid" b JOIN "User" u ON u."id" = b."userId"
    WHERE b."lotId" = ? ORDER BY b."amount" DESC, b."auto" DESC LIMIT ?`,
  recentComments: `SELECT ${columnList(COMMENT_COLUMNS, 'c')}, ${userColumns('u')} FROM "Comment" c JOIN "User" u ON u."id" = c."userId"
    WHERE c."auctionId" = ? ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ?`,
  bidder: `SELECT "userId" FROM "Bid" WHERE "id" = ?`,
  // The users as one JSON array parameter: one statement whatever their number.
  ownMaxima: `SELECT "userId", MAX("maxAmount") AS "maxAmount", MAX("amount") AS "amount" FROM "Bid"
    WHERE "lotId" = ? AND "userId" IN (SELECT value FROM json_each(?)) GROUP BY "userId"`,
} as const;

// Money columns are BIGINT: read as bigint, as Prisma does (the column maps convert the rest).
const statementsOf = preparedStatements(SQL, ['openLot', 'recentBids', 'ownMaxima']);

type Row = Record<string, unknown>;

/** The rows every asker shares (all but their own maxima), and the leader's id for the maxima. */
type SharedRows = Omit<SnapshotRows, 'maxima'> & { leaderId: string | undefined };

/**
 * The shared rows, remembered while the database is unchanged (db/sqlite-remembered-reads.ts): a crowd joining
 * at once reads the same rows again and again; with this, every read after the first costs two counters and the
 * askers' own maxima. The bound on auctions is a bound, not a tuning: only joins between two writes reuse rows.
 */
const sharedRowsOf = rememberedReads<SharedRows>(64);

/** How many reads reused remembered rows (tests check that it happens). */
export const snapshotReadStats = { reused: 0 };

export interface SqliteSnapshotRead {
  rows: SnapshotRows;
  /** Later reads at the same data version reuse the shared rows (called by readRemembering after the commit). */
  remember(): void;
}

/** Runs inside SqliteAdapterFactory.exclusive: every statement sees the same committed state. */
export function readSnapshotRowsSqlite(client: Database.Database, auctionId: string, userIds: readonly string[], recent: number): SqliteSnapshotRead {
  const shared = sharedRowsOf(client, `${recent} ${auctionId}`, () => readSharedRows(client, auctionId, recent));
  if (shared.reused) snapshotReadStats.reused++;
  const { leaderId, ...rows } = shared.value;
  const maxima = rows.lot ? readMaxima(client, rows.lot, leaderId, userIds) : new Map<string, number | null>();
  return { rows: { ...rows, maxima }, remember: shared.remember };
}

function readSharedRows(client: Database.Database, auctionId: string, recent: number): SharedRows {
  const s = statementsOf(client);
  const auctionRow = s.auction.get(auctionId) as Row | undefined;
  const lotRow = s.openLot.get(auctionId) as Row | undefined;
  const lot = lotRow ? lotFromColumns(lotRow) : null;
  const bids = lot ? (s.recentBids.all(lot.id, recent) as Row[]).map((r) => ({ ...decodeRow(PUBLIC_BID_COLUMNS, r), user: userOf(r) })) : [];
  const comments = (s.recentComments.all(auctionId, recent) as Row[]).map((r) => ({ ...decodeRow(COMMENT_COLUMNS, r), user: userOf(r) }));
  const leaderId =
    lot?.leadingBidId && lot.leaderMax !== null ? (s.bidder.get(lot.leadingBidId) as { userId: string } | undefined)?.userId : undefined;
  return {
    seq: currentSeqSqlite(client, auctionRoom(auctionId)),
    auction: auctionRow ? { ...decodeRow(AUCTION_COLUMNS, auctionRow), owner: userOf(auctionRow) } : null,
    lot,
    bids,
    comments,
    leaderId,
  };
}

/** Each asker's standing maximum on the open lot (the leader's is the lot's). */
function readMaxima(client: Database.Database, lot: NonNullable<SnapshotRows['lot']>, leaderId: string | undefined, userIds: readonly string[]) {
  const others = [...new Set(userIds)].filter((id) => id !== leaderId);
  const own = new Map<string, OwnMaxima>();
  for (const r of statementsOf(client).ownMaxima.all(lot.id, JSON.stringify(others)) as Row[]) {
    const { userId, ...maxima } = decodeRow(OWN_MAXIMA_COLUMNS, r);
    own.set(userId, maxima);
  }
  return maximaFrom({ leaderMax: lot.leaderMax, leaderId }, userIds, own);
}
