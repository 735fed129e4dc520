// THE bid step on SQLite, without the ORM: the same batch as bid-placement.ts (read, decideBids, write), as
// prepared statements run synchronously in one BEGIN IMMEDIATE transaction on the Prisma client's own
// connection (queued with its transactions, so nothing interleaves). SQLite has a single writer, so the
// transaction itself is the room's lock; the lot write keeps the bid-count guard anyway. Values are stored the
// way Prisma's SQLite adapter stores them (BigInt as INTEGER, DateTime as ISO-8601 text), so Prisma reads
// these rows like its own.
import type Database from 'better-sqlite3';
import { DomainError, notFound } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId, type RequestKey } from '../idempotency/idempotency.js';
import type { Outgoing } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import type { LotRow } from './auction.mappers.js';
import { decideBids, requestKeyOf, type BatchState, type BidRequest, type BidResult } from './bid-batch.js';

const SQL = {
  lastSeq: `SELECT "seq" FROM "RoomSeq" WHERE "room" = ?`,
  auction: `SELECT "ownerId", "status" FROM "Auction" WHERE "id" = ?`,
  stored: `SELECT "response" FROM "IdempotentRequest" WHERE "userId" = ? AND "command" = ? AND "requestId" = ?`,
  openLot: `SELECT "id", "auctionId", "product", "description", "weight", "startingPrice", "minIncrement", "marketPrice", "status",
    "highestBid", "bidCount", "softCloseMs", "endsAt", "openedAt", "closedAt" FROM "Lot" WHERE "auctionId" = ? AND "status" = 'open' LIMIT 1`,
  user: `SELECT "id", "name", "avatarUrl" FROM "User" WHERE "id" = ?`,
  recordBids: `UPDATE "Lot" SET "highestBid" = ?, "nextMinBid" = ?, "bidCount" = ?, "endsAt" = ?
    WHERE "id" = ? AND "status" = 'open' AND "bidCount" = ?`,
  insertBid: `INSERT INTO "Bid" ("id", "auctionId", "lotId", "userId", "amount", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
  insertEvent: `INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at") VALUES (?, ?, ?, ?, ?, ?)`,
  setSeq: `INSERT INTO "RoomSeq" ("room", "seq") VALUES (?, ?) ON CONFLICT ("room") DO UPDATE SET "seq" = excluded."seq"`,
  saveResult: `INSERT INTO "IdempotentRequest" ("userId", "command", "requestId", "response", "createdAt") VALUES (?, ?, ?, ?, ?)`,
} as const;

type Statements = Record<keyof typeof SQL, Database.Statement>;
const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(client: Database.Database): Statements {
  let s = prepared.get(client);
  if (!s) {
    s = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, client.prepare(sql)])) as Statements;
    s.openLot.safeIntegers(true); // money columns are BIGINT: read them as bigint, as Prisma does (other reads convert)
    prepared.set(client, s);
  }
  return s;
}

/** DateTime as Prisma's SQLite adapter writes it (ISO-8601 with an explicit offset). */
const toDb = (d: Date | null) => (d === null ? null : d.toISOString().replace('Z', '+00:00'));
/** DateTime as stored: ISO-8601 text (Prisma's format, or SQLite's CURRENT_TIMESTAMP in UTC) or epoch ms. */
function fromDb(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const text = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const bigOrNull = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as bigint | number));

function lotFromDb(row: Record<string, unknown>): LotRow & { softCloseMs: number | null } {
  return {
    id: String(row.id),
    auctionId: String(row.auctionId),
    product: String(row.product),
    description: row.description === null ? null : String(row.description),
    weight: numberOrNull(row.weight),
    startingPrice: BigInt(row.startingPrice as bigint),
    minIncrement: BigInt(row.minIncrement as bigint),
    marketPrice: bigOrNull(row.marketPrice),
    status: String(row.status),
    highestBid: bigOrNull(row.highestBid),
    bidCount: Number(row.bidCount),
    softCloseMs: numberOrNull(row.softCloseMs),
    endsAt: fromDb(row.endsAt),
    openedAt: fromDb(row.openedAt) ?? new Date(0),
    closedAt: fromDb(row.closedAt),
  };
}

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
  const users: BatchState['users'] = new Map();
  for (const userId of new Set(requests.map((q) => q.userId))) {
    const user = s.user.get(userId) as { id: string; name: string; avatarUrl: string | null } | undefined;
    if (user) users.set(userId, user);
  }
  const lotRow = s.openLot.get(auctionId) as Record<string, unknown> | undefined;
  const lastSeq = Number((s.lastSeq.get(room) as { seq: number | bigint } | undefined)?.seq ?? 0);
  const state: BatchState = { auctionId, lastSeq, auction, open: lotRow ? lotFromDb(lotRow) : null, stored, users };

  const { outcomes, writes } = decideBids(state, requests, at, newId);
  if (!writes) return { outcomes, out: [] };
  const { lot } = writes;
  const changed = s.recordBids.run(lot.highestBid, lot.nextMinBid, lot.bidCount, toDb(lot.endsAt), lot.id, lot.readBidCount);
  if (changed.changes !== 1) throw new DomainError('CONFLICT', 'The lot changed; try again.');
  for (const b of writes.bids) s.insertBid.run(b.id, b.auctionId, b.lotId, b.userId, b.amount, toDb(b.createdAt));
  for (const { row } of writes.events) s.insertEvent.run(newId(), row.room, row.seq, row.event, row.payload, toDb(row.at));
  s.setSeq.run(room, writes.lastSeq);
  for (const { key, response } of writes.saves) saveResult(s, key, response, at);
  return { outcomes, out: writes.events.map((e) => e.outgoing) };
}

function saveResult(s: Statements, key: RequestKey, response: BidResult, at: Date) {
  s.saveResult.run(key.userId, key.command, key.requestId, JSON.stringify(response), toDb(at));
}
