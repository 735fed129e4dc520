// Commands that create things honour `requestId`: the first result is stored in the same transaction
// as the change, and a retry (even a concurrent one) gets that result back and creates nothing.
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { saveResults, storedResult } from './idempotency.repository.js';

export type SaveResult = (tx: Tx, response: unknown) => Promise<void>;

export function createIdempotency(db: Db) {
  return {
    async run<T>(
      key: { userId: string; command: string; requestId: string | undefined },
      work: (save: SaveResult) => Promise<T>,
    ): Promise<T> {
      const { userId, command, requestId } = key;
      if (!requestId) return work(async () => {});
      const stored = { userId, command, requestId };
      const prior = await storedResult(db, stored);
      if (prior !== undefined) return prior as T;
      try {
        return await work((tx, response) => saveResults(tx, [{ key: stored, response }]));
      } catch (error) {
        // A concurrent twin committed first: its transaction holds the result, ours rolled back.
        // Ours may fail on the twin's unique key, or earlier on a rule the twin's change now breaks
        // (a twin bid makes ours BID_TOO_LOW): either way the retry answers the first result.
        const winner = await storedResult(db, stored);
        if (winner !== undefined) return winner as T;
        throw error;
      }
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
