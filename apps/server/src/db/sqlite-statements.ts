// Named SQL statements prepared once per better-sqlite3 connection: the direct SQL paths (bid writes, snapshot
// and log reads) each declare their statements as one object and get them prepared on first use.
import type Database from 'better-sqlite3';

export type Statements<K extends string> = Record<K, Database.Statement>;

/**
 * `statementsOf(client)` answers the statements of `sql` prepared on `client` (once per connection). Each name
 * in `bigints` reads its integers as bigint (BIGINT money columns, as Prisma reads them).
 */
export function preparedStatements<K extends string>(sql: Record<K, string>, bigints: readonly NoInfer<K>[] = []): (client: Database.Database) => Statements<K> {
  const prepared = new WeakMap<Database.Database, Statements<K>>();
  return (client) => {
    let s = prepared.get(client);
    if (!s) {
      // Cast: built from the entries of `sql`, so it has exactly its keys.
      s = Object.fromEntries(Object.entries<string>(sql).map(([name, text]) => [name, client.prepare(text)])) as Statements<K>;
      for (const name of bigints) s[name].safeIntegers(true);
      prepared.set(client, s);
    }
    return s;
  };
}
