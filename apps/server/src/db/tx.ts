// The transaction client type and the options every interactive transaction uses.
import { runTransaction, type Db, type Tx } from './client.js';

export type { Tx };
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
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, mode: TxMode = {}): Promise<T> {
  return runTransaction(db)(fn, { ...TX_OPTIONS, isolationLevel: mode.consistentRead ? 'RepeatableRead' : 'ReadCommitted' });
}
