// The transaction client type and the options every interactive transaction uses.
import type { Prisma } from '../generated/prisma/client.js';
import { providerOf, type Db } from './client.js';

export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

/**
 * Bursts of bids queue for the write lock (SQLite has one writer): waiting up to 30 s for a slot
 * is better than failing a valid bid.
 */
export const TX_OPTIONS = { maxWait: 30_000, timeout: 15_000 } as const;

export interface TxMode {
  /** Every read in the transaction sees one snapshot (snapshots that carry a `seq`). */
  consistentRead?: boolean;
}

/**
 * SQLite transactions are serializable. On PostgreSQL writers use READ COMMITTED (the default), so a read
 * after the room's seq row is locked sees the latest commits; on MySQL/MariaDB, whose default REPEATABLE READ
 * would keep a view taken before that lock, we ask for READ COMMITTED too. Snapshot reads use REPEATABLE READ.
 */
function isolationFor(db: Db, mode: TxMode) {
  if (providerOf(db) === 'sqlite') return {};
  return { isolationLevel: mode.consistentRead ? ('RepeatableRead' as const) : ('ReadCommitted' as const) };
}

export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, mode: TxMode = {}): Promise<T> {
  // `Db` is typed as the SQLite client, whose options only know "Serializable"; the PostgreSQL and MySQL
  // clients behind it accept these levels.
  const options = { ...TX_OPTIONS, ...isolationFor(db, mode) } as typeof TX_OPTIONS;
  return db.$transaction(fn, options);
}
