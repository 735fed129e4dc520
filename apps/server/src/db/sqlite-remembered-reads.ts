// Reads on the direct SQLite connection remembered while the database's content is unchanged: a crowd joining at
// once (a reconnect storm) asks for the same snapshot and the same page of a room's log again and again while
// nothing changes. SQLite has exactly the two counters that tell: `total_changes()` counts every row this
// connection inserted, updated or deleted since it opened (never goes back, also not on a rollback), and
// `PRAGMA data_version` changes whenever another connection (the Prisma client's, another process) committed.
// Equal values mean the same committed content, so a remembered read answers what a new read would — provided
// it is remembered only once its transaction committed (a rolled-back transaction's changes leave
// `total_changes()` where they put it): callers read through `readRemembering`, which remembers after the commit.
import type Database from 'better-sqlite3';
import type { SqliteExclusive } from './client.js';
import { preparedStatements } from './sqlite-statements.js';

const statementsOf = preparedStatements({
  changes: `SELECT total_changes() AS "n"`,
  others: `PRAGMA data_version`,
});

/** A value that changes whenever the content may have changed as `client` sees it. Runs on the direct connection. */
export function dataVersionSqlite(client: Database.Database): string {
  const s = statementsOf(client);
  const changes = (s.changes.get() as { n: number | bigint }).n;
  const others = (s.others.get() as { data_version: number | bigint }).data_version;
  return `${changes}:${others}`;
}

export interface RememberedRead<T> {
  value: T;
  /** Whether `value` is a remembered one (no statement ran for it). */
  reused: boolean;
  /** Call once the read's transaction committed: later reads of the key at the same data version reuse `value`. */
  remember(): void;
}

/**
 * Runs `work` (a read made with `rememberedReads`) through `exclusive` and remembers it once the transaction
 * committed — the one moment it is safe to, so no caller has to get it right.
 */
export async function readRemembering<R extends { remember(): void }>(exclusive: SqliteExclusive, work: (client: Database.Database) => R): Promise<R> {
  const read = await exclusive(work);
  read.remember();
  return read;
}

/**
 * Reads by key, remembered per connection at the current data version only (any change makes them stale), at
 * most `limit` keys. Callers must not change a value: it is handed to every later reader.
 */
export function rememberedReads<T>(limit: number): (client: Database.Database, key: string, read: () => T) => RememberedRead<T> {
  const byClient = new WeakMap<Database.Database, { version: string; values: Map<string, T> }>();
  return (client, key, read) => {
    const version = dataVersionSqlite(client);
    const known = byClient.get(client);
    if (known?.version === version && known.values.has(key)) return { value: known.values.get(key)!, reused: true, remember() {} };
    if (known && known.version !== version) byClient.delete(client); // stale for good: let it go now
    const value = read();
    return {
      value,
      reused: false,
      remember() {
        let r = byClient.get(client);
        if (r?.version !== version) byClient.set(client, (r = { version, values: new Map() }));
        if (r.values.size >= limit) r.values.delete(r.values.keys().next().value!);
        r.values.set(key, value);
      },
    };
  };
}
