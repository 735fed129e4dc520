// THE bid step on SQLite, without the ORM: the same batch as bid-placement.ts (read, decideBids, write), as
// prepared statements run synchronously in one BEGIN IMMEDIATE transaction between the Prisma client's own
// transactions (SqliteAdapterFactory.exclusive). SQLite has a single writer, so the transaction itself is the
// room's lock; the lot write keeps the bid-count guard anyway. Lot and Bid columns come from bid-columns.ts.
import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import { preparedStatements } from '../../db/sqlite-statements.js';
import { currentSeqSqlite } from '../rooms/sqlite-room-read.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId } from '../idempotency/request-key.js';
import type { Outgoing } from '../../core/events.js';
import { auctionRoom } from '../../core/rooms.js';
import { decideBids, lotChanged, outbidEvents, requestKeyOf, type BatchState, type BidRequest, type BidResult } from './bid-batch.js';
import {
  BID_COLUMNS, bidFromColumns, columnList, LOT_COLUMNS, LOT_UPDATE_COLUMNS, lotFromColumns, sqliteValue, timeToDb, valuesOf,
} from './bid-columns.js';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const SQL = {
  auction: `SELECT "ownerId", "status" FROM "Auction" WHERE "id" = ?`,
  stored: `SELECT "response" FROM "IdempotentRequest" WHERE "userId" = ? AND "command" = ? AND "requestId" = ?`,
  openLot: `SELECT ${columnList(LOT_COLUMNS)} FROM "Lot" WHERE "auctionId" = ? AND "status" = 'open' LIMIT 1`,
  user: `SELECT "id", "name", "avatarUrl" FROM "User" WHERE "id" = ?`,
  bid: `SELECT ${columnList(BID_COLUMNS)} FROM "Bid" WHERE "id" = ?`,
  recordBids: `UPDATE "Lot" SET ${Object.keys(LOT_UPDATE_COLUMNS).map((c) => `"${c}" = ?`).join(', ')}
    WHERE "id" = ? AND "status" = 'open' AND "bidCount" = ?`,
  insertBid: `INSERT INTO "Bid" (${columnList(BID_COLUMNS)}) VALUES (${placeholders(Object.keys(BID_COLUMNS).length)})`,
  insertEvent: `INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at") VALUES (?, ?, ?, ?, ?, ?)`,
  setSeq: `INSERT INTO "RoomSeq" ("room", "seq") VALUES (?, ?) ON CONFLICT ("room") DO UPDATE SET "seq" = excluded."seq"`,
  saveResult: `INSERT INTO "IdempotentRequest" ("userId", "command", "requestId", "response", "createdAt") VALUES (?, ?, ?, ?, ?)`,
} as const;

// Money columns are BIGINT: read them as bigint, as Prisma does (the column map converts the rest).
const statementsOf = preparedStatements(SQL, ['openLot', 'bid']);

/** Runs inside SqliteAdapterFactory.exclusive (one synchronous write transaction). */
export function placeBidsSqlite(
  client: Database.Database,
  auctionId: string,
  requests: BidRequest[],
  at: Date,
): { outcomes: Settled<BidResult>[]; out: Outgoing[] } {
  const s = statementsOf(client);
  const room = auctionRoom(auctionId);
  const auction = s.auction.get(auctionId) as { ownerId: string; status: string } | undefined;
  if (!auction) throw notFound('Auction');
  const stored = new Map<string, unknown>();
  for (const key of requests.map(requestKeyOf)) {
    if (!key) continue;
    const row = s.stored.get(key.userId, key.command, key.requestId) as { response: string } | undefined;
    if (row) stored.set(requestKeyId(key), JSON.parse(row.response) as unknown);
  }
  const lotRow = s.openLot.get(auctionId) as Record<string, unknown> | undefined;
  const open = lotRow ? lotFromColumns(lotRow) : null;
  const leadingRow = open?.leadingBidId ? (s.bid.get(open.leadingBidId) as Record<string, unknown> | undefined) : undefined;
  const leading = leadingRow ? bidFromColumns(leadingRow) : null;
  const users: BatchState['users'] = new Map();
  for (const userId of new Set([...requests.map((q) => q.userId), ...(leading ? [leading.userId] : [])])) {
    const user = s.user.get(userId) as { id: string; name: string; avatarUrl: string | null } | undefined;
    if (user) users.set(userId, user);
  }
  const seqOf = (name: string) => currentSeqSqlite(client, name);
  const state: BatchState = { auctionId, lastSeq: seqOf(room), auction, open, leading, stored, users };

  const { outcomes, writes } = decideBids(state, requests, at, newId);
  if (!writes) return { outcomes, out: [] };
  const { lot } = writes;
  if (s.recordBids.run(...valuesOf(LOT_UPDATE_COLUMNS, lot, sqliteValue), lot.id, lot.readBidCount).changes !== 1) throw lotChanged();
  for (const bid of writes.bids) s.insertBid.run(...valuesOf(BID_COLUMNS, bid, sqliteValue));
  const outbid = outbidEvents(writes.outbid, seqOf, at);
  const events = [...writes.events, ...outbid.events];
  for (const { row } of events) s.insertEvent.run(newId(), row.room, row.seq, row.event, row.payload, timeToDb(row.at));
  for (const [name, seq] of [[room, writes.lastSeq] as const, ...outbid.lastSeqs]) s.setSeq.run(name, seq);
  for (const { key, response } of writes.saves) {
    s.saveResult.run(key.userId, key.command, key.requestId, JSON.stringify(response), timeToDb(at));
  }
  return { outcomes, out: events.map((e) => e.outgoing) };
}
