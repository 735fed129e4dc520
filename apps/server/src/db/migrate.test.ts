// Start-up migrations with the WASM schema engine on a fresh SQLite file, plus the connection PRAGMAs
// the Prisma client runs with (WAL, synchronous=FULL, busy timeout, foreign keys).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from './client.js';
import { parseDatabaseUrl } from './database-url.js';
import { applyMigrations, defaultMigrationsDir } from './migrate.js';
import { readMigrationsList } from './migrations-list.js';
import { engineStats } from './schema-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-migrate-'));
// A nested, not yet existing directory: applyMigrations must create it.
const dbFile = path.join(dir, 'nested', 'test.db');
const url = `file:${dbFile}`;
const clients: Db[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  rmSync(dir, { recursive: true, force: true });
});

function pragma(db: Db, name: string): Promise<Record<string, unknown>[]> {
  return db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
}

describe('applyMigrations', () => {
  it('applies every migration to a fresh database, then nothing on the second run', async () => {
    const messages: string[] = [];
    const first = await applyMigrations(url, (msg) => messages.push(msg));
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toMatch(/^\d{14}_init$/);
    expect(existsSync(dbFile)).toBe(true);
    expect(messages).toContain(`applied migration ${first.applied[0]}`);

    const opened = engineStats.opened;
    const second = await applyMigrations(url);
    expect(second.applied).toEqual([]);
    // Nothing pending: the schema engine (WebAssembly, ~15 MB resident) is not even loaded.
    expect(engineStats.opened).toBe(opened);
  });

  it('opens the engine again when a migration is pending', async () => {
    const fresh = `file:${path.join(dir, 'fresh.db')}`;
    const opened = engineStats.opened;
    expect((await applyMigrations(fresh)).applied.length).toBeGreaterThan(0);
    expect(engineStats.opened).toBe(opened + 1);
  });

  it('runs the engine in a child process when asked: same migrations and log lines, no engine in this process', async () => {
    const fresh = `file:${path.join(dir, 'child.db')}`;
    const expected = readMigrationsList(defaultMigrationsDir('sqlite')).migrationDirectories.map((d) => d.path);
    const messages: string[] = [];
    const opened = engineStats.opened;
    const result = await applyMigrations(fresh, (msg) => messages.push(msg), { verbose: true, engineIn: 'child-process' });
    expect(result.applied).toEqual(expected);
    expect(engineStats.opened).toBe(opened);
    // The engine's own lines come over IPC (what main.ts logs as "applying migration …").
    for (const name of expected) expect(messages.some((m) => m.includes(`Applying \`${name}\``))).toBe(true);
    expect(messages).toContain(`applied migration ${expected.at(-1)}`);
    const db = await createPrismaClient(fresh);
    clients.push(db);
    expect(await db.user.count()).toBe(0);
    expect((await applyMigrations(fresh, undefined, { engineIn: 'child-process' })).applied).toEqual([]);
  });

  it("reports the engine's error from the child process as the engine in this process does", async () => {
    const migrations = path.join(dir, 'broken-migrations');
    cpSync(defaultMigrationsDir('sqlite'), migrations, { recursive: true });
    mkdirSync(path.join(migrations, '99990101000000_broken'));
    writeFileSync(path.join(migrations, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Broken" (oops);\nALTER TABLE "Nowhere" ADD COLUMN "x" INTEGER;\n');
    const failure = (file: string, engineIn: 'this-process' | 'child-process') =>
      applyMigrations(`file:${path.join(dir, file)}`, undefined, { migrationsDir: migrations, engineIn }).then(
        () => expect.fail('the broken migration was applied'),
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    const here = await failure('broken-here.db', 'this-process');
    expect(here).toMatch(/Nowhere/);
    expect(await failure('broken-child.db', 'child-process')).toBe(here);
  });

  it('creates the tables the Prisma client uses', async () => {
    const db = await createPrismaClient(url);
    clients.push(db);
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    const names = tables.map((t) => t.name);
    for (const table of ['_prisma_migrations', 'User', 'Auction', 'Lot', 'Bid', 'RoomEvent', 'IdempotentRequest']) {
      expect(names).toContain(table);
    }

    const user = await db.user.create({ data: { name: 'Ada', phone: '+15550001' } });
    const auction = await db.auction.create({ data: { ownerId: user.id, title: 'Tea' } });
    const lot = await db.lot.create({
      data: { auctionId: auction.id, product: 'Oolong', startingPrice: 9_007_199_254_740_993n, minIncrement: 100n },
    });
    expect(lot.startingPrice).toBe(9_007_199_254_740_993n); // BigInt columns come back as bigint, beyond 2^53 too
    expect(lot.minIncrement).toBe(100n);
    expect(await db.user.count()).toBe(1);
  });

  it('runs SQLite in WAL mode with synchronous=FULL, a busy timeout and foreign keys', async () => {
    const db = await createPrismaClient(url);
    clients.push(db);
    expect(await pragma(db, 'journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    const [sync] = await pragma(db, 'synchronous');
    expect(Number(sync?.synchronous)).toBe(2); // FULL
    const [busy] = await pragma(db, 'busy_timeout');
    expect(Number(busy?.timeout)).toBe(5000);
    const [fk] = await pragma(db, 'foreign_keys');
    expect(Number(fk?.foreign_keys)).toBe(1);
  });
});

describe('parseDatabaseUrl', () => {
  it('resolves relative SQLite paths against the server package root', () => {
    const config = parseDatabaseUrl('file:./data/bidwire.db', '/srv/app');
    expect(config).toEqual({ provider: 'sqlite', url: 'file:./data/bidwire.db', filePath: '/srv/app/data/bidwire.db' });
    expect(parseDatabaseUrl('file:/tmp/x.db?connection_limit=1')).toMatchObject({ filePath: '/tmp/x.db' });
  });

  it('rejects unsupported schemes clearly', async () => {
    expect(() => parseDatabaseUrl('mongodb://localhost/x')).toThrow(/Unsupported DATABASE_URL scheme "mongodb:"/);
    await expect(createPrismaClient('mongodb://localhost/x')).rejects.toThrow(/Unsupported DATABASE_URL scheme/);
  });

  it('maps every supported scheme to its provider', () => {
    expect(parseDatabaseUrl('postgres://u@h/db').provider).toBe('postgresql');
    expect(parseDatabaseUrl('postgresql://u@h/db').provider).toBe('postgresql');
    expect(parseDatabaseUrl('mysql://u@h/db').provider).toBe('mysql');
    expect(parseDatabaseUrl('mariadb://u@h/db').provider).toBe('mysql');
  });
});
