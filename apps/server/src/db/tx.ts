// The transaction client type and the options every interactive transaction uses.
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from './client.js';

export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

/**
 * Bursts of bids queue for the write lock (SQLite has one writer): waiting up to 30 s for a slot
 * is better than failing a valid bid.
 */
export const TX_OPTIONS = { maxWait: 30_000, timeout: 15_000 } as const;

export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, TX_OPTIONS);
}
