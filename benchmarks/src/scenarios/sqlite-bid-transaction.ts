// One Bidwire bid's statements on SQLite (bid-sql.ts) as one transaction, on a file migrated and seeded by
// raw-sqlite.ts: what the raw SQL ceiling repeats as fast as it can, and what the bare server that also
// persists (durable-bare.ts) runs before each broadcast. No server code here: the bare server's bundle
// imports this file.
import Database from 'better-sqlite3';
import { bidSql, eventPayload, newId } from './bid-sql.js';

/** The rows one bid transaction needs (seeded by raw-sqlite.ts's `seedRawSqlite`). */
export interface RawSqliteSeed {
  file: string;
  auctionId: string;
  lotId: string;
  userId: string;
  bidder: string;
}

/** The file with the server's pragmas: WAL, synchronous=FULL (a commit returns after its fsync). */
export function openRawSqlite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Answers a function that runs one bid's transaction: the auction read, then BEGIN IMMEDIATE, the seq claim, the
 * open-lot read, the conditional raise to the lot's minimum bid, the bid insert, the bidder read, the event
 * insert and the COMMIT (one commit, one fsync).
 */
export function rawSqliteBid(db: Database.Database, seed: RawSqliteSeed): () => void {
  const sql = bidSql('sqlite');
  const q = Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, db.prepare(v)])) as Record<keyof typeof sql, Database.Statement>;
  const room = `auction:${seed.auctionId}`;
  const ids = { auctionId: seed.auctionId, lotId: seed.lotId };
  return () => {
    q.loadAuction.get(seed.auctionId);
    q.begin.run();
    const { seq } = q.claimSeq.get(room) as { seq: number };
    const lot = q.openLot.get(seed.auctionId) as { id: string; minimumBid: number };
    const amount = Number(lot.minimumBid);
    const at = new Date().toISOString();
    const raised = q.raise.get(amount, lot.id, amount, at) as { bidCount: number } | undefined;
    if (!raised) throw new Error('raw sqlite: the conditional raise failed');
    const bidId = newId();
    q.insertBid.run(bidId, seed.auctionId, lot.id, seed.bidder, amount, at);
    q.bidder.get(seed.bidder);
    q.insertEvent.run(newId(), room, seq, 'bidPlaced', eventPayload({ ...ids, bidId, userId: seed.bidder }, amount, raised.bidCount, seq, at), at);
    q.commit.run();
  };
}
