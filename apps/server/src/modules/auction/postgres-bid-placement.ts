// THE bid step on PostgreSQL, without the ORM: the same batch as bid-placement.ts (lock, read, decideBids,
// write) in five round trips on one pooled connection — BEGIN; lock the room's seq row; read the auction, open
// lot, leading bid, bidders and stored results and lock the user rooms `outbid` may go to, in one statement
// (after the lock, so READ COMMITTED sees the last writer's commit); write the lot, bids, events, seqs and stored
// results in one statement; COMMIT. The lot write is
// guarded by the bid count read under the lock, and every other write of that statement depends on it.
// Lot and Bid columns and their encoding come from bid-columns.ts, so Prisma reads these rows like its own.
import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId } from '../idempotency/request-key.js';
import type { Outgoing } from '../../core/events.js';
import { auctionRoom, userRoom } from '../../core/rooms.js';
import {
  decideBids, lotChanged, outbidEvents, outbidRooms, requestKeyOf, type BatchState, type BidRequest, type BidResult,
} from './bid-batch.js';
import {
  arraysOf, BID_COLUMNS, bidFromColumns, columnList, LOT_COLUMNS, LOT_UPDATE_COLUMNS, lotFromColumns, pgJsonOf, pgType, pgValue,
  timeToDb, valuesOf, type ColumnKind,
} from './bid-columns.js';

const LOCK = {
  name: 'bidwire_bid_lock',
  text: `INSERT INTO "RoomSeq" ("room", "seq") VALUES ($1, 0) ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSeq"."seq" RETURNING "seq"`,
};

// After the auction room's lock: the state, and the user rooms that may get `outbid` (the batch's bidders' and the
// leader's), locked in name order like every writer's, with their seqs. $6: the bidders' rooms; $7: userRoom('').
const READ = {
  name: 'bidwire_bid_read',
  text: `WITH leader AS (
    SELECT b.* FROM "Lot" l JOIN "Bid" b ON b."id" = l."leadingBidId" WHERE l."auctionId" = $1 AND l."status" = 'open' LIMIT 1
  ), rooms AS (
    INSERT INTO "RoomSeq" ("room", "seq")
    SELECT r, 0 FROM (SELECT unnest($6::text[]) AS r UNION SELECT $7 || "userId" FROM leader) AS candidates ORDER BY r
    ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSeq"."seq" RETURNING "room", "seq"
  )
  SELECT
  (SELECT json_build_object('ownerId', "ownerId", 'status', "status") FROM "Auction" WHERE "id" = $1) AS auction,
  (SELECT ${pgJsonOf(LOT_COLUMNS)} FROM "Lot" WHERE "auctionId" = $1 AND "status" = 'open' LIMIT 1) AS lot,
  (SELECT ${pgJsonOf(BID_COLUMNS, 'b')} FROM leader b) AS leading,
  (SELECT coalesce(json_agg(json_build_object('id', "id", 'name', "name", 'avatarUrl', "avatarUrl")), '[]')
    FROM "User" WHERE "id" = ANY($2::text[]) OR "id" IN (SELECT "userId" FROM leader)) AS users,
  (SELECT coalesce(json_agg(json_build_object('userId', "userId", 'command', "command", 'requestId', "requestId", 'response', "response")), '[]')
    FROM "IdempotentRequest"
    WHERE ("userId", "command", "requestId") IN (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]))) AS stored,
  (SELECT coalesce(json_agg(json_build_object('room', "room", 'seq', "seq")), '[]') FROM rooms) AS seqs`,
};

/** `$n::type` placeholders numbered from `first`, one per column of a map (`[]` for unnest arrays). */
const params = (columns: Record<string, ColumnKind>, first: number, array = '') =>
  Object.values(columns).map((kind, i) => `$${first + i}::${pgType(kind)}${array}`);
const LOT_SET = Object.keys(LOT_UPDATE_COLUMNS).map((c, i) => `"${c}" = ${params(LOT_UPDATE_COLUMNS, 1)[i]}`).join(', ');
const N_LOT = Object.keys(LOT_UPDATE_COLUMNS).length; // $1..$N_LOT, then the lot's id and the bid count read
const FIRST_BID = N_LOT + 3;
const N_BID = Object.keys(BID_COLUMNS).length;
const E = FIRST_BID + N_BID; // events: six arrays, then the rooms and their new seqs, then five arrays of stored results

const WRITE = {
  name: 'bidwire_bid_write',
  text: `WITH lot AS (
    UPDATE "Lot" SET ${LOT_SET}
    WHERE "id" = $${N_LOT + 1} AND "status" = 'open' AND "bidCount" = $${N_LOT + 2} RETURNING "id"
  ), bids AS (
    INSERT INTO "Bid" (${columnList(BID_COLUMNS)})
    SELECT b.* FROM unnest(${params(BID_COLUMNS, FIRST_BID, '[]').join(', ')}) AS b, lot
  ), events AS (
    INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at")
    SELECT e.* FROM unnest($${E}::text[], $${E + 1}::text[], $${E + 2}::int[], $${E + 3}::text[], $${E + 4}::text[], $${E + 5}::timestamp(3)[]) AS e, lot
  ), seqs AS (
    UPDATE "RoomSeq" SET "seq" = v."seq" FROM unnest($${E + 6}::text[], $${E + 7}::int[]) AS v("room", "seq")
    WHERE "RoomSeq"."room" = v."room" AND EXISTS (SELECT 1 FROM lot)
  ), saves AS (
    INSERT INTO "IdempotentRequest" ("userId", "command", "requestId", "response", "createdAt")
    SELECT s.* FROM unnest($${E + 8}::text[], $${E + 9}::text[], $${E + 10}::text[], $${E + 11}::text[], $${E + 12}::timestamp(3)[]) AS s, lot
  )
  SELECT count(*)::int AS written FROM lot`,
};

export async function placeBidsPostgres(
  pool: pg.Pool,
  auctionId: string,
  requests: BidRequest[],
  at: Date,
): Promise<{ outcomes: Settled<BidResult>[]; out: Outgoing[] }> {
  const room = auctionRoom(auctionId);
  const keys = requests.map(requestKeyOf).filter((k) => k !== null);
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query('BEGIN');
    const locked = await client.query<{ seq: number }>({ ...LOCK, values: [room] });
    const read = await client.query<{
      auction: { ownerId: string; status: string } | null;
      lot: Record<string, unknown> | null;
      leading: Record<string, unknown> | null;
      users: { id: string; name: string; avatarUrl: string | null }[];
      stored: { userId: string; command: string; requestId: string; response: string }[];
      seqs: { room: string; seq: number }[];
    }>({
      ...READ,
      values: [
        auctionId,
        [...new Set(requests.map((q) => q.userId))],
        keys.map((k) => k.userId),
        keys.map((k) => k.command),
        keys.map((k) => k.requestId),
        outbidRooms(requests, null),
        userRoom(''),
      ],
    });
    const { auction, lot, leading, users, stored, seqs } = read.rows[0]!;
    if (!auction) throw notFound('Auction'); // rolled back below: no seq row is left for an unknown auction
    const state: BatchState = {
      auctionId,
      lastSeq: locked.rows[0]!.seq,
      auction,
      open: lot ? lotFromColumns(lot) : null,
      leading: leading ? bidFromColumns(leading) : null,
      stored: new Map(stored.map((row) => [requestKeyId(row), JSON.parse(row.response) as unknown])),
      users: new Map(users.map((u) => [u.id, u])),
    };

    const { outcomes, writes } = decideBids(state, requests, at, newId);
    if (!writes) {
      await client.query('COMMIT');
      return { outcomes, out: [] };
    }
    const { lot: write, bids, saves } = writes;
    const userSeqs = new Map(seqs.map((r) => [r.room, r.seq]));
    const outbid = outbidEvents(writes.outbid, (name) => {
      const seq = userSeqs.get(name);
      if (seq === undefined) throw new Error(`outbid for ${name}, whose seq was not locked`);
      return seq;
    }, at);
    const events = [...writes.events, ...outbid.events];
    const rooms = [[room, writes.lastSeq] as const, ...outbid.lastSeqs];
    const written = await client.query<{ written: number }>({
      ...WRITE,
      values: [
        ...valuesOf(LOT_UPDATE_COLUMNS, write, pgValue), write.id, write.readBidCount,
        ...arraysOf(BID_COLUMNS, bids, pgValue),
        events.map(() => newId()), events.map((e) => e.row.room), events.map((e) => e.row.seq), events.map((e) => e.row.event),
        events.map((e) => e.row.payload), events.map((e) => timeToDb(e.row.at)),
        rooms.map(([name]) => name), rooms.map(([, seq]) => seq),
        saves.map((s) => s.key.userId), saves.map((s) => s.key.command), saves.map((s) => s.key.requestId),
        saves.map((s) => JSON.stringify(s.response)), saves.map(() => timeToDb(at)),
      ],
    });
    if (written.rows[0]?.written !== 1) throw lotChanged();
    await client.query('COMMIT');
    return { outcomes, out: events.map((e) => e.outgoing) };
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError; // the connection is unusable: the pool must drop it
    });
    throw error;
  } finally {
    client.release(broken instanceof Error ? broken : undefined);
  }
}
