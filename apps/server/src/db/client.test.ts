// The SQLite client shares one connection: plain queries must not run inside another caller's open transaction.
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteExclusive, type Db } from './client.js';
import { useMigratedSqlite } from '../../test/support/migrated-sqlite.js';

const scratch = useMigratedSqlite();
let db: Db;
beforeAll(() => {
  db = scratch.db(); // after the scratch database's own beforeAll
});

describe('createPrismaClient (sqlite)', () => {
  it('keeps concurrent plain queries out of an open interactive transaction', async () => {
    let entered!: () => void;
    const insideTx = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const tx = db
      .$transaction(async (t) => {
        await t.user.create({ data: { name: 'inside' } });
        entered();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('roll back');
      })
      .catch((error: unknown) => error);

    await insideTx;
    // Issued by "another request" while the transaction is open: they wait for it to end.
    const [seenInside, outside] = await Promise.all([
      db.user.count({ where: { name: 'inside' } }),
      db.user.create({ data: { name: 'outside' } }),
    ]);
    expect(await tx).toBeInstanceOf(Error);
    expect(seenInside).toBe(0); // never saw the uncommitted row
    expect(await db.user.count({ where: { id: outside.id } })).toBe(1); // not rolled back with the transaction
  });

  it('runs transactions one after another', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b'].map((name) =>
        db.$transaction(async (t) => {
          order.push(`start ${name}`);
          await t.category.create({ data: { name } });
          await new Promise((resolve) => setTimeout(resolve, 50));
          order.push(`end ${name}`);
        }),
      ),
    );
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('runs direct SQL (exclusive) between Prisma transactions, never while one is open', async () => {
    const exclusive = sqliteExclusive(db)!;
    const order: string[] = [];
    let entered!: () => void;
    const insideTx = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const tx = db.$transaction(async (t) => {
      order.push('tx start');
      await t.category.create({ data: { name: 'exclusive-check' } });
      entered();
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('tx end');
    });
    await insideTx;
    // Issued while the transaction is open: it waits for the commit, then sees the committed row.
    const seen = await exclusive((client) => {
      order.push('direct');
      return client.prepare(`SELECT count(*) AS n FROM "Category" WHERE "name" = 'exclusive-check'`).get() as { n: number };
    });
    await tx;
    expect(order).toEqual(['tx start', 'tx end', 'direct']);
    expect(seen.n).toBe(1);
  });

  it('puts the works asked for in one turn into one transaction; one that throws is rolled back alone', async () => {
    const exclusive = sqliteExclusive(db)!;
    await exclusive(() => undefined); // connected, and the direct connection open
    const reader = new Database(scratch.file(), { readonly: true });
    try {
      const count = (name: string) =>
        (reader.prepare(`SELECT count(*) AS n FROM "Category" WHERE "name" = ?`).get(name) as { n: number }).n;
      const insert = (client: Database.Database, name: string) =>
        client.prepare(`INSERT INTO "Category" ("id", "name", "createdAt") VALUES (?, ?, ?)`).run(`id-${name}`, name, new Date().toISOString());
      const [first, failed, last] = await Promise.allSettled([
        exclusive((client) => insert(client, 'train-first')),
        exclusive((client) => {
          insert(client, 'train-failed');
          throw new Error('this one fails');
        }),
        exclusive((client) => {
          insert(client, 'train-last');
          // The first work's row is visible here but not committed: a reader on another connection sees none.
          const here = client.prepare(`SELECT count(*) AS n FROM "Category" WHERE "name" = 'train-first'`).get() as { n: number };
          return { here: here.n, committed: count('train-first') };
        }),
      ]);
      expect(first.status).toBe('fulfilled');
      expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'this one fails' } });
      expect(last).toEqual({ status: 'fulfilled', value: { here: 1, committed: 0 } });
      expect([count('train-first'), count('train-failed'), count('train-last')]).toEqual([1, 0, 1]);
    } finally {
      reader.close();
    }
  });
});
