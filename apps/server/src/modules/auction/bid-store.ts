// Where a batch of bids is written: direct SQL on SQLite and PostgreSQL (the hot path, without an ORM round per
// statement), Prisma on MySQL/MariaDB. All three read the same state under the room's lock, decide with
// decideBids, and write the same rows; the events go out only after the commit.
import { postgresPool, sqliteExclusive, type Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import type { Outgoing } from '../../core/events.js';
import type { BidRequest, BidResult } from './bid-batch.js';
import { placeBidsInTx } from './bid-placement.js';
import { placeBidsPostgres } from './postgres-bid-placement.js';
import { placeBidsSqlite } from './sqlite-bid-placement.js';

/** Decides and commits one batch; answers each bid's outcome and the events to send. */
export type BidStore = (auctionId: string, requests: BidRequest[], at: Date) => Promise<{ outcomes: Settled<BidResult>[]; out: Outgoing[] }>;

/**
 * `BIDWIRE_BID_WRITER=prisma` makes every provider write bids through Prisma (group commit still applies): the
 * benchmark's comparison of the direct SQL against the plain Prisma path.
 */
function bidWriter(): 'direct' | 'prisma' {
  const v = process.env.BIDWIRE_BID_WRITER ?? 'direct';
  if (v !== 'direct' && v !== 'prisma') throw new Error(`BIDWIRE_BID_WRITER must be direct or prisma, got "${v}"`);
  return v;
}

export function createBidStore(db: Db): BidStore {
  if (bidWriter() === 'prisma') return prismaStore(db);
  const sqlite = sqliteExclusive(db);
  if (sqlite) return (auctionId, requests, at) => sqlite((client) => placeBidsSqlite(client, auctionId, requests, at));
  const pool = postgresPool(db);
  if (pool) return (auctionId, requests, at) => placeBidsPostgres(pool, auctionId, requests, at);
  return prismaStore(db);
}

function prismaStore(db: Db): BidStore {
  return (auctionId, requests, at) =>
    inTransaction(db, async (tx) => {
      const out: Outgoing[] = [];
      const outcomes = await placeBidsInTx(tx, out, auctionId, requests, at);
      return { outcomes, out };
    });
}
