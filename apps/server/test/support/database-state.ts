// Every row of every table, in a stable order: "nothing changed" means this is unchanged.
import { Prisma } from '../../src/generated/prisma/client.js';
import type { TestServer } from '../harness.js';

export async function databaseState(t: TestServer): Promise<Record<string, string[]>> {
  const db = t.server.db as unknown as Record<string, { findMany(): Promise<unknown[]> }>;
  const tables: Record<string, string[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const rows = await db[model[0]!.toLowerCase() + model.slice(1)]!.findMany();
    tables[model] = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return tables;
}
