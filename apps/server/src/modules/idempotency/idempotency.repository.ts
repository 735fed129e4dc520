// Prisma queries of stored first results (IdempotentRequest), keyed by user, command and requestId.
import type { DbOrTx, Tx } from '../../db/tx.js';
import { requestKeyId, type RequestKey } from './request-key.js';

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
