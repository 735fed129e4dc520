// Prepared statements kept per SQL text on the Prisma client's better-sqlite3 connection. Prisma's adapter
// prepares every query again (`client.prepare(sql).bind(args)`), which the reconnect-storm profile put at 7% of
// the server's busy time; Prisma's queries come from a small set of shapes, so the same few hundred texts repeat.
//
// Hand-written: the adapter offers no hook for it, and a better-sqlite3 statement binds its parameters once and
// for good (`bind` cannot be called twice), so a cached statement is handed out behind a facade that passes each
// call's parameters to `run`/`all` instead. The facade covers exactly what the adapter calls (checked by the
// adapter's own tests in db/sqlite-statement-cache.test.ts); anything else fails loudly, not silently.
import type Database from 'better-sqlite3';

/** The statement texts kept; the least recently used goes beyond it (Prisma's shapes are far fewer). */
export const STATEMENT_CACHE_SIZE = 500;

type Params = unknown[];

/** What Prisma's better-sqlite3 adapter does with a prepared statement (`performIO`, `executeIO`, `startTransaction`). */
interface BoundStatement {
  readonly reader: boolean;
  run(): Database.RunResult;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

function facade(statement: Database.Statement) {
  const bound = (params: Params): BoundStatement => ({
    reader: statement.reader,
    run: () => statement.run(params),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(params) as unknown[] }),
  });
  // Bound to given parameters (queries), or to none (`prepare("BEGIN").run()`).
  return { ...bound([]), bind: bound };
}

/**
 * Makes `client.prepare` answer from a cache of prepared statements (LRU by SQL text). The statements are
 * better-sqlite3's own and run synchronously, so one statement is never used by two calls at once.
 */
export function cachePreparedStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  const cached = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // most recently used goes last
    } else {
      statement = prepare(sql); // throws for bad SQL (nothing cached)
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return facade(statement);
  };
  // Cast: the facade is what the adapter uses of a statement, not a whole better-sqlite3 Statement.
  (client as unknown as { prepare: typeof cached }).prepare = cached;
}

/** The better-sqlite3 connection inside Prisma's adapter (a public field of its class, not of its type). */
export function connectionOf(adapter: object): Database.Database {
  const client = (adapter as { client?: Database.Database }).client;
  if (!client || typeof client.prepare !== 'function') throw new Error('The SQLite adapter holds no better-sqlite3 connection (did @prisma/adapter-better-sqlite3 change?)');
  return client;
}
