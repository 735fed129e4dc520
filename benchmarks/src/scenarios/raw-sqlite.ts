// The raw-SQL ceiling on SQLite: the same bid statements through better-sqlite3 directly, on a fresh
// file migrated with Bidwire's migrations, with the server's pragmas (WAL, synchronous=FULL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../../apps/server/src/db/migrate.js';
import { newId, type RawResult } from './bid-sql.js';
import { openRawSqlite, rawSqliteBid, type RawSqliteSeed } from './sqlite-bid-transaction.js';

/** Migrates `file` with Bidwire's migrations and inserts an owner, a live auction with an open lot, and a bidder. */
export async function seedRawSqlite(file: string): Promise<RawSqliteSeed> {
  await applyMigrations(`file:${file}`);
  const db = openRawSqlite(file);
  try {
    const now = new Date().toISOString();
    const seed: RawSqliteSeed = { file, userId: newId(), auctionId: newId(), lotId: newId(), bidder: newId() };
    db.prepare(`INSERT INTO "User" ("id", "name", "roles", "createdAt") VALUES (?, 'Bench owner', 'buyer,seller', ?)`).run(seed.userId, now);
    db.prepare(`INSERT INTO "Auction" ("id", "ownerId", "title", "status", "createdAt", "updatedAt", "startedAt") VALUES (?, ?, 'Raw', 'live', ?, ?, ?)`).run(seed.auctionId, seed.userId, now, now, now);
    db.prepare(`INSERT INTO "Lot" ("id", "auctionId", "product", "startingPrice", "minIncrement", "status", "bidCount", "openedAt") VALUES (?, ?, 'Saffron', 1000, 1, 'open', 0, ?)`).run(seed.lotId, seed.auctionId, now);
    db.prepare(`INSERT INTO "User" ("id", "name", "roles", "createdAt") VALUES (?, 'Bench bidder', 'buyer,seller', ?)`).run(seed.bidder, now);
    return seed;
  } finally {
    db.close();
  }
}

export async function runRawSqlite(durationMs: number, log: (msg: string) => void): Promise<RawResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-raw-'));
  try {
    const seed = await seedRawSqlite(path.join(dir, 'raw.db'));
    const db = openRawSqlite(seed.file);
    const bid = rawSqliteBid(db, seed);
    log(`raw sqlite: bid transactions for ${durationMs / 1000} s`);
    const t0 = performance.now();
    let bids = 0;
    while (performance.now() - t0 < durationMs) {
      bid();
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
