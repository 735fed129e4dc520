// The raw-SQL ceiling on SQLite: the same bid statements through better-sqlite3 directly, on a fresh
// file migrated with Bidwire's migrations, with the server's pragmas (WAL, synchronous=FULL).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../../apps/server/src/db/migrate.js';
import { bidSql, eventPayload, newId, type RawResult } from './bid-sql.js';

export async function runRawSqlite(durationMs: number, log: (msg: string) => void): Promise<RawResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-raw-'));
  const file = path.join(dir, 'raw.db');
  try {
    await applyMigrations(`file:${file}`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const now = new Date().toISOString();
    const ids = { userId: newId(), auctionId: newId(), lotId: newId() };
    db.prepare(`INSERT INTO "User" ("id", "name", "roles", "createdAt") VALUES (?, 'Bench owner', 'buyer,seller', ?)`).run(ids.userId, now);
    db.prepare(`INSERT INTO "Auction" ("id", "ownerId", "title", "status", "createdAt", "updatedAt", "startedAt") VALUES (?, ?, 'Raw', 'live', ?, ?, ?)`).run(ids.auctionId, ids.userId, now, now, now);
    db.prepare(`INSERT INTO "Lot" ("id", "auctionId", "product", "startingPrice", "minIncrement", "status", "bidCount", "openedAt") VALUES (?, ?, 'Saffron', 1000, 1, 'open', 0, ?)`).run(ids.lotId, ids.auctionId, now);
    const bidder = newId();
    db.prepare(`INSERT INTO "User" ("id", "name", "roles", "createdAt") VALUES (?, 'Bench bidder', 'buyer,seller', ?)`).run(bidder, now);

    const sql = bidSql('sqlite');
    const q = Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, db.prepare(v)])) as Record<keyof typeof sql, Database.Statement>;
    const room = `auction:${ids.auctionId}`;
    log(`raw sqlite: bid transactions for ${durationMs / 1000} s`);
    const t0 = performance.now();
    let bids = 0;
    while (performance.now() - t0 < durationMs) {
      q.loadAuction.get(ids.auctionId);
      q.begin.run();
      const { seq } = q.claimSeq.get(room) as { seq: number };
      const lot = q.openLot.get(ids.auctionId) as { id: string; minimumBid: number };
      const amount = Number(lot.minimumBid);
      const at = new Date().toISOString();
      const raised = q.raise.get(amount, lot.id, amount, at) as { bidCount: number } | undefined;
      if (!raised) throw new Error('raw sqlite: the conditional raise failed');
      const bidId = newId();
      q.insertBid.run(bidId, ids.auctionId, lot.id, bidder, amount, at);
      q.bidder.get(bidder);
      q.insertEvent.run(newId(), room, seq, 'bidPlaced', eventPayload({ ...ids, bidId, userId: bidder }, amount, raised.bidCount, seq, at), at);
      q.commit.run();
      bids++;
    }
    const seconds = (performance.now() - t0) / 1000;
    db.close();
    const result: RawResult = { database: 'sqlite', connections: 1, bids, seconds, bidsPerSecond: Math.round(bids / seconds), statementsPerBid: 9 };
    log(`raw sqlite: ${result.bidsPerSecond} bid transactions/s`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
