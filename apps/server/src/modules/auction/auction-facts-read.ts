// An auction's facts for a join (owner, status), as the repository's `auctionFacts` answers them. On SQLite by
// direct SQL on the connection of the bid writes, remembered while the database is unchanged
// (db/sqlite-remembered-reads.ts): a crowd joining one auction at once (a reconnect storm) arrives a few per
// turn, and an ORM round per few joiners was a tenth of the server's time there. Elsewhere through Prisma.
import type Database from 'better-sqlite3';
import { sqliteExclusive, type Db } from '../../db/client.js';
import { readRemembering, rememberedReads } from '../../db/sqlite-remembered-reads.js';
import { preparedStatements } from '../../db/sqlite-statements.js';
import type { AuctionFacts } from './auction.domain.js';
import { createAuctionRepository } from './auction.repository.js';

const statementsOf = preparedStatements({ facts: `SELECT "ownerId", "status" FROM "Auction" WHERE "id" = ?` });

/** Auctions remembered at one version: a bound, not a tuning (only joins between two writes reuse facts). */
const rememberedFacts = rememberedReads<AuctionFacts | null>(256);

/** The auction's facts, or null for an unknown auction. */
export async function readAuctionFacts(db: Db, auctionId: string): Promise<AuctionFacts | null> {
  const sqlite = sqliteExclusive(db);
  if (!sqlite) return createAuctionRepository(db).auctionFacts(auctionId);
  const read = await readRemembering(sqlite, (client) => rememberedFacts(client, auctionId, () => factsSqlite(client, auctionId)));
  return read.value;
}

function factsSqlite(client: Database.Database, auctionId: string): AuctionFacts | null {
  return (statementsOf(client).facts.get(auctionId) as AuctionFacts | undefined) ?? null;
}
