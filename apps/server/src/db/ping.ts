// The cheapest round trip to the database, for readiness probes.
import type { Db } from './client.js';

export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1');
}
