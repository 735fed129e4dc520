// Where a batch of bids is written: direct SQL on SQLite and PostgreSQL (the hot path, without an ORM round per
// statement), Prisma on MySQL/MariaDB. All three read the same state under the room's lock, decide with
// decideBids, and write the same rows; the events go out only after the commit.
import { postgresPool, sqliteExclusive, type Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import type { Outgoing } from '../rooms/room-log.js';
import type { BidRequest, BidResult } from './bid-batch.js';
import { placeBidsInTx } from './bid-placement.js';
import { placeBidsPostgres } from './postgres-bid-placement.js';
import { placeBidsSqlite } from './sqlite-bid-placement.js';

/** Decides and commits one batch; answers each bid's outcome and the events to send. */
export type BidStore = (auctionId: string, requests: BidRequest[], at: Date) => Promise<{ outcomes: Settled<BidResult>[]; out: Outgoing[] }>;

export function createBidStore(db: Db): BidStore {
  const sqlite = sqliteExclusive(db);
  if (sqlite) return (auctionId, requests, at) => sqlite((client) => placeBidsSqlite(client, auctionId, requests, at));
  const pool = postgresPool(db);
  if (pool) return (auctionId, requests, at) => placeBidsPostgres(pool, auctionId, requests, at);
  return (auctionId, requests, at) =>
    inTransaction(db, async (tx) => {
      const out: Outgoing[] = [];
      const outcomes = await placeBidsInTx(tx, out, auctionId, requests, at);
      return { outcomes, out };
    });
}
