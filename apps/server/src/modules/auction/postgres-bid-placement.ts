// THE bid step on PostgreSQL, without the ORM: the same batch as bid-placement.ts (lock, read, decideBids,
// write) in five round trips on one pooled connection — BEGIN; lock the room's seq row; read the auction, open
// lot, bidders and stored results in one statement (after the lock, so READ COMMITTED sees the last writer's
// commit); write the lot, bids, events, seq and stored results in one statement; COMMIT. The lot write is
// guarded by the bid count read under the lock, and every other write of that statement depends on it.
// Values are written as Prisma writes them (timestamp(3) in UTC, BIGINT money), so Prisma reads them back.
import type pg from 'pg';
import { DomainError, notFound } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { requestKeyId } from '../idempotency/idempotency.js';
import type { Outgoing } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import type { LotRow } from './auction.mappers.js';
import { decideBids, requestKeyOf, type BatchState, type BidRequest, type BidResult } from './bid-batch.js';

const LOCK = {
  name: 'bidwire_bid_lock',
  text: `INSERT INTO "RoomSeq" ("room", "seq") VALUES ($1, 0) ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSeq"."seq" RETURNING "seq"`,
};

// Money as text (BIGINT exceeds JSON's safe range in general); times (timestamp without zone, UTC) as ISO-8601
// text with an explicit Z, whatever the session's DateStyle.
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const READ = {
  name: 'bidwire_bid_read',
  text: `SELECT
  (SELECT json_build_object('ownerId', "ownerId", 'status', "status") FROM "Auction" WHERE "id" = $1) AS auction,
  (SELECT json_build_object('id', "id", 'auctionId', "auctionId", 'product', "product", 'description', "description",
      'weight', "weight", 'startingPrice', "startingPrice"::text, 'minIncrement', "minIncrement"::text,
      'marketPrice', "marketPrice"::text, 'status', "status", 'highestBid', "highestBid"::text, 'bidCount', "bidCount",
      'softCloseMs', "softCloseMs", 'endsAt', ${iso('"endsAt"')}, 'openedAt', ${iso('"openedAt"')}, 'closedAt', ${iso('"closedAt"')})
    FROM "Lot" WHERE "auctionId" = $1 AND "status" = 'open' LIMIT 1) AS lot,
  (SELECT coalesce(json_agg(json_build_object('id', "id", 'name', "name", 'avatarUrl', "avatarUrl")), '[]')
    FROM "User" WHERE "id" = ANY($2::text[])) AS users,
  (SELECT coalesce(json_agg(json_build_object('userId', "userId", 'command', "command", 'requestId', "requestId", 'response', "response")), '[]')
    FROM "IdempotentRequest"
    WHERE ("userId", "command", "requestId") IN (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]))) AS stored`,
};

const WRITE = {
  name: 'bidwire_bid_write',
  text: `WITH lot AS (
    UPDATE "Lot" SET "highestBid" = $1::bigint, "nextMinBid" = $2::bigint, "bidCount" = $3, "endsAt" = $4::timestamp(3)
    WHERE "id" = $5 AND "status" = 'open' AND "bidCount" = $6 RETURNING "id"
  ), bids AS (
    INSERT INTO "Bid" ("id", "auctionId", "lotId", "userId", "amount", "createdAt")
    SELECT b.* FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::timestamp(3)[]) AS b, lot
  ), events AS (
    INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at")
    SELECT e.* FROM unnest($13::text[], $14::text[], $15::int[], $16::text[], $17::text[], $18::timestamp(3)[]) AS e, lot
  ), seq AS (
    UPDATE "RoomSeq" SET "seq" = $19 WHERE "room" = $20 AND EXISTS (SELECT 1 FROM lot)
  ), saves AS (
    INSERT INTO "IdempotentRequest" ("userId", "command", "requestId", "response", "createdAt")
    SELECT s.* FROM unnest($21::text[], $22::text[], $23::text[], $24::text[], $25::timestamp(3)[]) AS s, lot
  )
  SELECT count(*)::int AS written FROM lot`,
};

const fromDb = (v: string | null) => (v === null ? null : new Date(v));
const toDb = (d: Date | null) => (d === null ? null : d.toISOString());
const bigOrNull = (v: string | null) => (v === null ? null : BigInt(v));

interface LotJson {
  id: string;
  auctionId: string;
  product: string;
  description: string | null;
  weight: number | null;
  startingPrice: string;
  minIncrement: string;
  marketPrice: string | null;
  status: string;
  highestBid: string | null;
  bidCount: number;
  softCloseMs: number | null;
  endsAt: string | null;
  openedAt: string;
  closedAt: string | null;
}

const lotFromDb = (l: LotJson): LotRow & { softCloseMs: number | null } => ({
  ...l,
  startingPrice: BigInt(l.startingPrice),
  minIncrement: BigInt(l.minIncrement),
  marketPrice: bigOrNull(l.marketPrice),
  highestBid: bigOrNull(l.highestBid),
  endsAt: fromDb(l.endsAt),
  openedAt: fromDb(l.openedAt) ?? new Date(0),
  closedAt: fromDb(l.closedAt),
});

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
      lot: LotJson | null;
      users: { id: string; name: string; avatarUrl: string | null }[];
      stored: { userId: string; command: string; requestId: string; response: string }[];
    }>({
      ...READ,
      values: [
        auctionId,
        [...new Set(requests.map((q) => q.userId))],
        keys.map((k) => k.userId),
        keys.map((k) => k.command),
        keys.map((k) => k.requestId),
      ],
    });
    const { auction, lot, users, stored } = read.rows[0]!;
    if (!auction) throw notFound('Auction'); // rolled back below: no seq row is left for an unknown auction
    const state: BatchState = {
      auctionId,
      lastSeq: locked.rows[0]!.seq,
      auction,
      open: lot ? lotFromDb(lot) : null,
      stored: new Map(stored.map((row) => [requestKeyId(row), JSON.parse(row.response) as unknown])),
      users: new Map(users.map((u) => [u.id, u])),
    };

    const { outcomes, writes } = decideBids(state, requests, at, newId);
    if (!writes) {
      await client.query('COMMIT');
      return { outcomes, out: [] };
    }
    const { lot: write, bids, events, saves } = writes;
    const written = await client.query<{ written: number }>({
      ...WRITE,
      values: [
        write.highestBid.toString(), write.nextMinBid.toString(), write.bidCount, toDb(write.endsAt), write.id, write.readBidCount,
        bids.map((b) => b.id), bids.map((b) => b.auctionId), bids.map((b) => b.lotId), bids.map((b) => b.userId),
        bids.map((b) => b.amount.toString()), bids.map((b) => toDb(b.createdAt)),
        events.map(() => newId()), events.map((e) => e.row.room), events.map((e) => e.row.seq), events.map((e) => e.row.event),
        events.map((e) => e.row.payload), events.map((e) => toDb(e.row.at)),
        writes.lastSeq, room,
        saves.map((s) => s.key.userId), saves.map((s) => s.key.command), saves.map((s) => s.key.requestId),
        saves.map((s) => JSON.stringify(s.response)), saves.map(() => toDb(at)),
      ],
    });
    if (written.rows[0]?.written !== 1) throw new DomainError('CONFLICT', 'The lot changed; try again.');
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
