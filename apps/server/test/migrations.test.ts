// Migrations on the provider of this test project: applied once, idempotent, nothing left holding the
// database; and the committed per-provider schemas still match the one source (no forgotten migration).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, it } from 'vitest';
import { applyMigrations, createPrismaClient } from '../src/db/index.js';
import { createTestDatabase, testDbProvider } from './support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('applies every migration once, then nothing, and releases the database', async () => {
  const database = await createTestDatabase();
  try {
    const first = await applyMigrations(database.url);
    expect(first.applied.length).toBeGreaterThanOrEqual(2);
    expect((await applyMigrations(database.url)).applied).toEqual([]);
    const db = await createPrismaClient(database.url);
    try {
      expect(await db.user.count()).toBe(0);
      expect(await db.conversation.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
    if (testDbProvider() === 'postgresql') {
      // A connection left open by the schema engine would hold Prisma's advisory lock and stall the next start.
      // Locks held on this test's database only: other test files migrate their own databases at the same time.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        );
        expect(rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    }
  } finally {
    await database.drop();
  }
});

it('keeps the committed PostgreSQL and MySQL schemas in step with prisma/schema.prisma', async () => {
  // @ts-expect-error -- plain ESM script without type declarations
  const { deriveSchema } = (await import('../scripts/provider-schemas.mjs')) as {
    deriveSchema: (source: string, provider: string) => string;
  };
  const source = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
  for (const provider of ['postgresql', 'mysql']) {
    const committed = readFileSync(path.join(root, `prisma/providers/${provider}/schema.prisma`), 'utf8');
    expect(committed, `run migration:create: prisma/providers/${provider}/schema.prisma is stale`).toBe(deriveSchema(source, provider));
  }
});
