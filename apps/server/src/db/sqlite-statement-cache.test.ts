// The statement cache on the Prisma client's SQLite connection: each SQL text is prepared once, every call runs
// with its own parameters, and Prisma's adapter (queries, writes, transactions) works through it unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ColumnTypeEnum, type SqlQuery } from '@prisma/driver-adapter-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { cachePreparedStatements, connectionOf } from './sqlite-statement-cache.js';
import { createSqliteAdapterFactory } from './sqlite-adapter.js';

/** An in-memory database whose real `prepare` calls are counted, with the cache installed over it. */
function countedDatabase(size?: number) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  cachePreparedStatements(db, size);
  // What the cache hands out, called as Prisma's adapter calls it.
  const facade = db.prepare as unknown as (sql: string) => {
    run(): Database.RunResult;
    bind(params: unknown[]): { reader: boolean; run(): Database.RunResult; columns(): Database.ColumnDefinition[]; raw(): { all(): unknown[] } };
  };
  return { db, prepared, facade };
}

const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-stmt-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite statement cache', () => {
  it('prepares each SQL text once and runs every call with its own parameters', () => {
    const { prepared, facade } = countedDatabase();
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    for (const [id, name] of [[1, 'ada'], [2, 'bob'], [3, 'cy']] as const) {
      expect(facade(insert).bind([id, name]).run().changes).toBe(1);
    }
    const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
    const first = facade(select).bind([2]);
    expect(first.reader).toBe(true);
    expect(first.columns().map((c) => c.name)).toEqual(['id', 'name']);
    expect(first.raw().all()).toEqual([[2, 'bob'], [3, 'cy']]);
    expect(facade(select).bind([3]).raw().all()).toEqual([[3, 'cy']]);
    expect(facade(select).bind([1]).raw().all()).toEqual([[1, 'ada'], [2, 'bob'], [3, 'cy']]);
    expect(facade(insert).bind([4, 'di']).reader).toBe(false);
    expect(prepared).toEqual([insert, select]);
  });

  it('runs a statement without parameters directly (BEGIN/COMMIT of a transaction)', () => {
    const { db, prepared, facade } = countedDatabase();
    for (let i = 0; i < 3; i++) {
      facade('BEGIN').run();
      expect(db.inTransaction).toBe(true);
      facade('INSERT INTO t (name) VALUES (?)').bind([`n${i}`]).run();
      facade('COMMIT').run();
      expect(db.inTransaction).toBe(false);
    }
    expect(facade('SELECT count(*) FROM t').bind([]).raw().all()).toEqual([[3]]);
    expect(prepared.filter((sql) => sql === 'BEGIN')).toHaveLength(1);
  });

  it('keeps at most `size` texts, dropping the least recently used', () => {
    const { prepared, facade } = countedDatabase(2);
    const q = (n: number) => `SELECT ${n}`;
    for (const n of [1, 2, 1, 3, 1, 2]) expect(facade(q(n)).bind([]).raw().all()).toEqual([[n]]);
    // 1, 2 prepared; 1 hit (now most recent); 3 evicts 2; 1 hit; 2 prepared again (evicts 3)
    expect(prepared).toEqual([q(1), q(2), q(3), q(2)]);
  });

  it('caches nothing for SQL that does not prepare, and says why', () => {
    const { prepared, facade } = countedDatabase();
    expect(() => facade('SELECT nope FROM t')).toThrow(/no such column: nope/);
    expect(() => facade('SELECT nope FROM t')).toThrow(/no such column: nope/);
    expect(prepared).toHaveLength(2);
  });

  it("serves Prisma's adapter: queries, writes and transactions through the cache", async () => {
    const factory = createSqliteAdapterFactory(path.join(dir, 'adapter.db'));
    const adapter = await factory.connect();
    // The connection the Prisma client uses answers `prepare` from the cache (the counting is above).
    expect(connectionOf(adapter).prepare).not.toBe(Database.prototype.prepare);
    try {
      const sql = (text: string, args: SqlQuery['args'] = [], argTypes: SqlQuery['argTypes'] = []): SqlQuery => ({ sql: text, args, argTypes });
      await adapter.executeScript('CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
      const int = { scalarType: 'int', arity: 'scalar' } as const;
      const text = { scalarType: 'string', arity: 'scalar' } as const;
      const insert = 'INSERT INTO item (id, label) VALUES (?, ?)';
      for (const id of [1, 2, 3]) expect(await adapter.executeRaw(sql(insert, [id, `label ${id}`], [int, text]))).toBe(1);
      const tx = await adapter.startTransaction();
      await tx.executeRaw(sql(insert, [4, 'in a transaction'], [int, text]));
      await tx.commit();
      const select = 'SELECT id, label FROM item WHERE id > ? ORDER BY id';
      const rows = await adapter.queryRaw(sql(select, [2], [int]));
      expect(rows.columnNames).toEqual(['id', 'label']);
      expect(rows.columnTypes).toEqual([ColumnTypeEnum.Int32, ColumnTypeEnum.Text]);
      expect(rows.rows).toEqual([[3, 'label 3'], [4, 'in a transaction']]);
      expect((await adapter.queryRaw(sql(select, [3], [int]))).rows).toEqual([[4, 'in a transaction']]);
    } finally {
      await factory.disposeAll();
    }
  });
});
