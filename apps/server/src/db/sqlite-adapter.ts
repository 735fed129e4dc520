// SQLite driver adapter factory (better-sqlite3) used by both the Prisma client and the WASM schema engine:
// every connection it opens runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { afterThisTurn } from '../lib/turns.js';
import { cachePreparedStatements, connectionOf } from './sqlite-statement-cache.js';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

// journal_mode=WAL is persistent in the file; synchronous, busy_timeout and foreign_keys are per connection.
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, 'foreign_keys = ON'];
const CONNECTION_PRAGMAS = PRAGMAS.map((p) => `PRAGMA ${p};`).join('\n');

export interface SqliteAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every connection this factory opened (the schema engine does not close its own). */
  disposeAll(): Promise<void>;
  /**
   * Runs `work` synchronously in a write transaction (BEGIN IMMEDIATE … COMMIT) on a connection of our own to
   * the same file, taking its turn in the queue of the Prisma client's transactions. Works asked for in the same
   * turn of the event loop share one transaction, each in a savepoint of its own: one commit and one fsync for
   * all (e.g. bids of many auctions), while a work that throws is rolled back alone. Each answer comes after the
   * commit, so it still means persisted:
   * no Prisma transaction is open while it runs, and being synchronous, nothing else runs on either connection.
   * For hot paths that must not pay for an ORM round per statement (bid writes; the snapshot and room log reads
   * of a crowd joining at once, which need their statements to see one committed state). Null until the Prisma
   * client connected.
   */
  exclusive<T>(work: (client: Database.Database) => T): Promise<T> | null;
}

type SerializedAdapter = SqlDriverAdapter & { runExclusive<T>(work: () => T): Promise<T> };

/**
 * The Prisma adapter opens its better-sqlite3 connection itself and does not expose it, so direct SQL gets a
 * connection of its own (opened on first use, closed with the Prisma client's). Values are stored as Prisma's
 * adapter stores them: `timestampFormat` is pinned here so the direct SQL's time format (bid-columns.ts) is ours.
 */
export function createSqliteAdapterFactory(filePath: string): SqliteAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS }, { timestampFormat: 'iso8601' });
  const opened = new Set<SqlDriverAdapter>();
  let current: SerializedAdapter | undefined; // the connection of the Prisma client (the last one connected)
  let direct: Database.Database | undefined; // ours, for `exclusive`
  let train: Rider[] | undefined; // the works asked for in this turn of the event loop, not yet run
  const closeDirect = () => {
    direct?.close();
    direct = undefined;
  };
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      opened.delete(adapter);
      if (current === adapter) {
        current = undefined;
        closeDirect();
      }
      await dispose();
    };
    return allowMultiStatementExecuteRaw(adapter);
  };
  const openDirect = () => {
    const db = new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    for (const pragma of PRAGMAS) db.pragma(pragma);
    return db;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const connected = await inner.connect();
      cachePreparedStatements(connectionOf(connected));
      const adapter = serializeTransactions(track(connected));
      await adapter.executeScript(CONNECTION_PRAGMAS);
      current = adapter;
      return adapter;
    },
    exclusive<T>(work: (client: Database.Database) => T): Promise<T> | null {
      const adapter = current;
      if (!adapter) return null;
      return new Promise<T>((resolve, reject) => {
        const rider: Rider = { work, resolve: resolve as (value: unknown) => void, reject };
        if (train) {
          train.push(rider);
          return;
        }
        const riders = [rider];
        train = riders;
        // The train leaves once this turn's callbacks have run: the works they ask for ride along.
        afterThisTurn(() => {
          train = undefined;
          adapter.runExclusive(() => runTrain((direct ??= openDirect()), riders)).catch((error: unknown) => {
            for (const r of riders) r.reject(error); // its turn never came (not expected: takeTurn does not fail)
          });
        });
      });
    },
    async connectToShadowDb() {
      return track(await inner.connectToShadowDb()); // in-memory, used by migration diffs only
    },
    async disposeAll() {
      await Promise.all([...opened].map((adapter) => adapter.dispose()));
      closeDirect();
    },
  };
}

/** One work of `exclusive`, waiting for its transaction. */
interface Rider {
  work: (client: Database.Database) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the works in one BEGIN IMMEDIATE transaction, each in a savepoint (better-sqlite3 nests `transaction`
 * that way), and settles each after the COMMIT. A work that throws is rolled back to its savepoint and fails
 * alone. If the transaction itself is gone (an error SQLite answers by rolling the whole transaction back, or a
 * failed COMMIT), nothing of the train was stored and every work fails with that error.
 */
function runTrain(client: Database.Database, riders: Rider[]): void {
  if (riders.length === 1) {
    const [only] = riders as [Rider];
    try {
      only.resolve(client.transaction(() => only.work(client)).immediate());
    } catch (error) {
      only.reject(error);
    }
    return;
  }
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    client
      .transaction(() => {
        for (const r of riders) {
          try {
            outcomes.push({ ok: true, value: client.transaction(() => r.work(client))() });
          } catch (error) {
            if (!client.inTransaction) throw error; // SQLite rolled the whole transaction back
            outcomes.push({ ok: false, error });
          }
        }
      })
      .immediate();
  } catch (error) {
    for (const r of riders) r.reject(error);
    return;
  }
  riders.forEach((r, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) r.resolve(outcome.value);
    else r.reject(outcome.error);
  });
}

/**
 * The schema engine sends whole migration scripts through `executeRaw` (e.g. when replaying migrations on the
 * shadow database), but better-sqlite3's `prepare` accepts one statement only. Parameterless multi-statement
 * SQL falls back to `executeScript` (better-sqlite3 `exec`).
 */
function allowMultiStatementExecuteRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && error instanceof RangeError && /more than one statement/.test(error.message)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

/**
 * The better-sqlite3 adapter runs everything on ONE connection, and only transactions take its mutex: a plain
 * query issued (by another request) while an interactive transaction is open would run inside that transaction —
 * seeing its uncommitted rows and being rolled back with it. Here plain queries wait until the open transaction
 * has committed or rolled back, and transactions queue behind each other. Consequence: inside
 * `db.$transaction(async (tx) => ...)` use `tx`, never `db` — a `db` query there waits for the transaction to end
 * and the transaction fails with its timeout instead of silently mixing the two.
 */
function serializeTransactions(adapter: SqlDriverAdapter): SerializedAdapter {
  let queue: Promise<void> = Promise.resolve(); // settles when the last queued transaction has ended
  let open: Promise<void> | undefined; // the transaction currently holding the connection
  const waitForNoTransaction = async (): Promise<void> => {
    while (open) await open;
  };
  /** Waits for the transactions queued before; answers the function that ends this one. */
  const takeTurn = async (): Promise<() => void> => {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = queue;
    queue = previous.then(() => mine);
    await previous;
    open = mine; // set before BEGIN runs, so no plain query can slip into this transaction
    return () => {
      if (open === mine) open = undefined;
      release();
    };
  };

  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
    const end = await takeTurn();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (error) {
      end();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        end();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        end();
      }
    };
    return tx;
  };

  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.queryRaw = async (query) => {
    await waitForNoTransaction();
    return queryRaw(query);
  };
  adapter.executeRaw = async (query) => {
    await waitForNoTransaction();
    return executeRaw(query);
  };
  adapter.executeScript = async (script) => {
    await waitForNoTransaction();
    return executeScript(script);
  };
  return Object.assign(adapter, {
    async runExclusive<T>(work: () => T): Promise<T> {
      const end = await takeTurn();
      try {
        return work(); // synchronous: nothing else runs on the connection meanwhile
      } finally {
        end();
      }
    },
  });
}
