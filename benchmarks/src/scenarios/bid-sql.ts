// The statements of one Bidwire bid, written by hand: what placeBid asks of the database (the
// auction read, then seq claim, open-lot read, conditional raise, bid insert, bidder read, event insert).
import { randomUUID } from 'node:crypto';

export type Dialect = 'sqlite' | 'postgresql';

/** The bid rule's least acceptable amount (the server decides it in TypeScript; here it guards the raise). */
const MINIMUM_BID = `COALESCE("highestBid" + "minIncrement", "startingPrice")`;

export function bidSql(d: Dialect) {
  const p = (i: number) => (d === 'sqlite' ? '?' : `$${i}`);
  return {
    begin: d === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN',
    loadAuction: `SELECT a.*, u."name" AS "ownerName" FROM "Auction" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ${p(1)}`,
    claimSeq: `INSERT INTO "RoomSeq" ("room", "seq") VALUES (${p(1)}, 1) ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSeq"."seq" + 1 RETURNING "seq"`,
    openLot: `SELECT *, ${MINIMUM_BID} AS "minimumBid" FROM "Lot" WHERE "auctionId" = ${p(1)} AND "status" = 'open' LIMIT 1`,
    raise: `UPDATE "Lot" SET "highestBid" = ${p(1)}, "bidCount" = "bidCount" + 1 WHERE "id" = ${p(2)} AND "status" = 'open' AND ${MINIMUM_BID} <= ${p(3)} AND ("endsAt" IS NULL OR "endsAt" > ${p(4)}) RETURNING *`,
    insertBid: `INSERT INTO "Bid" ("id", "auctionId", "lotId", "userId", "amount", "createdAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})`,
    bidder: `SELECT "id", "name", "avatarUrl" FROM "User" WHERE "id" = ${p(1)}`,
    insertEvent: `INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})`,
    commit: 'COMMIT',
  };
}

export const newId = (): string => `c${randomUUID().replace(/-/g, '').slice(0, 24)}`;

/** The bidPlaced payload the event row stores (same fields as Bidwire's). */
export function eventPayload(ids: { auctionId: string; lotId: string; bidId: string; userId: string }, amount: number, bidCount: number, seq: number, at: string) {
  return JSON.stringify({
    auctionId: ids.auctionId,
    lotId: ids.lotId,
    bid: { id: ids.bidId, auctionId: ids.auctionId, lotId: ids.lotId, user: { id: ids.userId, name: 'Bench bidder' }, amount, createdAt: at },
    highestBid: amount,
    bidCount,
    seq,
    at,
  });
}

export interface RawResult {
  database: Dialect;
  connections: number;
  bids: number;
  seconds: number;
  bidsPerSecond: number;
  /** Statements per bid, as Bidwire issues them (BEGIN/COMMIT included). */
  statementsPerBid: number;
}
