// Commands that create things honour `requestId`: the first result is stored in the same transaction
// as the change, and a retry (even a concurrent one) gets that result back and creates nothing.
import type { Db } from '../../db/client.js';
import type { DbOrTx, Tx } from '../../db/tx.js';

export type SaveResult = (tx: Tx, response: unknown) => Promise<void>;

export function createIdempotency(db: Db) {
  const find = async (userId: string, command: string, requestId: string) => storedResult(db, { userId, command, requestId });

  return {
    async run<T>(
      key: { userId: string; command: string; requestId: string | undefined },
      work: (save: SaveResult) => Promise<T>,
    ): Promise<T> {
      const { userId, command, requestId } = key;
      if (!requestId) return work(async () => {});
      const prior = await find(userId, command, requestId);
      if (prior !== undefined) return prior as T;
      try {
        return await work(async (tx, response) => {
          await tx.idempotentRequest.create({ data: { userId, command, requestId, response: JSON.stringify(response) } });
        });
      } catch (error) {
        // A concurrent twin committed first: its transaction holds the result, ours rolled back.
        // Ours may fail on the twin's unique key, or earlier on a rule the twin's change now breaks
        // (a twin bid makes ours BID_TOO_LOW): either way the retry answers the first result.
        const winner = await find(userId, command, requestId);
        if (winner !== undefined) return winner as T;
        throw error;
      }
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;

/** For writers that handle many requests in one transaction (bid batches). */
export interface RequestKey {
  userId: string;
  command: string;
  requestId: string;
}
export const requestKeyId = (k: RequestKey) => `${k.userId}\u0000${k.command}\u0000${k.requestId}`;

/** The stored first results of these requests, by requestKeyId, read inside the caller's transaction. */
export async function storedResults(tx: Tx, keys: RequestKey[]): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.idempotentRequest.findMany({
    where: { OR: keys.map(({ userId, command, requestId }) => ({ userId, command, requestId })) },
  });
  return new Map(rows.map((row) => [requestKeyId(row), JSON.parse(row.response) as unknown]));
}

/** The stored first result of one request, if any. */
export async function storedResult(db: DbOrTx, key: RequestKey): Promise<unknown> {
  const row = await db.idempotentRequest.findUnique({ where: { userId_command_requestId: key } });
  return row ? (JSON.parse(row.response) as unknown) : undefined;
}

/** Stores the first results of these requests in the caller's transaction (one statement). */
export async function saveResults(tx: Tx, results: { key: RequestKey; response: unknown }[]): Promise<void> {
  if (results.length === 0) return;
  await tx.idempotentRequest.createMany({ data: results.map(({ key, response }) => ({ ...key, response: JSON.stringify(response) })) });
}
