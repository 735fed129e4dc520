// The raw-SQL ceiling on PostgreSQL: the same bid statements through `pg` directly, on a scratch
// database with the tables a bid touches (same columns, keys and indexes as Bidwire's schema).
import pg from 'pg';
import { bidSql, eventPayload, newId, type RawResult } from './bid-sql.js';
import { dropDatabase, freshDatabase } from './postgres.js';

const DDL = `
CREATE TABLE "User" ("id" TEXT PRIMARY KEY, "phone" TEXT UNIQUE, "externalSub" TEXT UNIQUE, "name" TEXT NOT NULL, "avatarUrl" TEXT,
  "roles" TEXT NOT NULL DEFAULT 'buyer,seller', "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE "Auction" ("id" TEXT PRIMARY KEY, "ownerId" TEXT NOT NULL REFERENCES "User"("id"), "title" TEXT NOT NULL, "status" TEXT NOT NULL DEFAULT 'scheduled',
  "startedAt" TIMESTAMP(3), "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL);
CREATE INDEX ON "Auction"("status", "createdAt");
CREATE TABLE "Lot" ("id" TEXT PRIMARY KEY, "auctionId" TEXT NOT NULL REFERENCES "Auction"("id"), "product" TEXT NOT NULL, "startingPrice" BIGINT NOT NULL,
  "minIncrement" BIGINT NOT NULL DEFAULT 1, "status" TEXT NOT NULL DEFAULT 'open', "highestBid" BIGINT,
  "bidCount" INTEGER NOT NULL DEFAULT 0, "endsAt" TIMESTAMP(3), "softCloseMs" INTEGER, "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "closedAt" TIMESTAMP(3));
CREATE INDEX ON "Lot"("auctionId", "openedAt");
CREATE INDEX ON "Lot"("status", "endsAt");
CREATE TABLE "Bid" ("id" TEXT PRIMARY KEY, "auctionId" TEXT NOT NULL REFERENCES "Auction"("id"), "lotId" TEXT NOT NULL REFERENCES "Lot"("id"),
  "userId" TEXT NOT NULL REFERENCES "User"("id"), "amount" BIGINT NOT NULL, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX ON "Bid"("lotId", "createdAt");
CREATE TABLE "RoomSeq" ("room" TEXT PRIMARY KEY, "seq" INTEGER NOT NULL DEFAULT 0);
CREATE TABLE "RoomEvent" ("id" TEXT PRIMARY KEY, "room" TEXT NOT NULL, "seq" INTEGER NOT NULL, "event" TEXT NOT NULL, "payload" TEXT NOT NULL,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE ("room", "seq"));
CREATE INDEX ON "RoomEvent"("at");
`;

const DB_NAME = 'bidwire_bench_raw';

export async function runRawPg(durationMs: number, connections: number, log: (msg: string) => void): Promise<RawResult> {
  const url = await freshDatabase(DB_NAME);
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // Dropping the scratch database afterwards terminates idle clients: not an error here.
  pool.on('error', () => {});
  try {
    await pool.query(DDL);
    const ids = { userId: newId(), auctionId: newId(), lotId: newId() };
    const bidder = newId();
    await pool.query(`INSERT INTO "User" ("id", "name") VALUES ($1, 'Bench owner'), ($2, 'Bench bidder')`, [ids.userId, bidder]);
    await pool.query(`INSERT INTO "Auction" ("id", "ownerId", "title", "status", "startedAt", "updatedAt") VALUES ($1, $2, 'Raw', 'live', now(), now())`, [ids.auctionId, ids.userId]);
    await pool.query(`INSERT INTO "Lot" ("id", "auctionId", "product", "startingPrice") VALUES ($1, $2, 'Saffron', 1000)`, [ids.lotId, ids.auctionId]);
    const sql = bidSql('postgresql');
    const room = `auction:${ids.auctionId}`;
    log(`raw postgresql (${connections} connection${connections > 1 ? 's' : ''}): bid transactions for ${durationMs / 1000} s`);
    const t0 = performance.now();
    let bids = 0;
    const lane = async () => {
      const c = await pool.connect();
      try {
        while (performance.now() - t0 < durationMs) {
          await c.query({ name: 'auction', text: sql.loadAuction, values: [ids.auctionId] });
          await c.query(sql.begin);
          // The seq row lock comes first, so concurrent lanes queue here, as Bidwire's writers do.
          const seq = (await c.query({ name: 'seq', text: sql.claimSeq, values: [room] })).rows[0].seq as number;
          const lot = (await c.query({ name: 'lot', text: sql.openLot, values: [ids.auctionId] })).rows[0] as { id: string; minimumBid: string };
          const amount = Number(lot.minimumBid);
          const at = new Date();
          const raised = await c.query({ name: 'raise', text: sql.raise, values: [amount, lot.id, amount, at] });
          if (raised.rowCount !== 1) throw new Error('raw postgresql: the conditional raise failed');
          const bidId = newId();
          await c.query({ name: 'bid', text: sql.insertBid, values: [bidId, ids.auctionId, lot.id, bidder, amount, at] });
          await c.query({ name: 'bidder', text: sql.bidder, values: [bidder] });
          const payload = eventPayload({ ...ids, bidId, userId: bidder }, amount, raised.rows[0].bidCount as number, seq, at.toISOString());
          await c.query({ name: 'event', text: sql.insertEvent, values: [newId(), room, seq, 'bidPlaced', payload, at] });
          await c.query(sql.commit);
          bids++;
        }
      } finally {
        c.release();
      }
    };
    await Promise.all(Array.from({ length: connections }, lane));
    const seconds = (performance.now() - t0) / 1000;
    const result: RawResult = { database: 'postgresql', connections, bids, seconds, bidsPerSecond: Math.round(bids / seconds), statementsPerBid: 9 };
    log(`raw postgresql (${connections} conn): ${result.bidsPerSecond} bid transactions/s`);
    return result;
  } finally {
    await pool.end();
    await dropDatabase(DB_NAME).catch(() => {});
  }
}
