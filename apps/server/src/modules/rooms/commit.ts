// Runs work in one transaction and sends the durable room events it recorded once it has committed:
// an event never goes out for a change that rolled back, and always carries the seq it was stored with.
import type { EventEmitterPort, Outgoing } from '../../core/events.js';
import type { Db } from '../../db/client.js';
import { inTransaction, type Tx, type TxMode } from '../../db/tx.js';

/** The work of one transaction. `rollback(value)` undoes everything it did (its claimed seqs included) and answers `value`. */
export type TxWork<T> = (tx: Tx, out: Outgoing[], rollback: (value: T) => never) => Promise<T>;
export type Commit = <T>(work: TxWork<T>, mode?: TxMode) => Promise<T>;

/** What `rollback` throws to make the database undo the transaction; caught by the commit that threw it. */
class RolledBack extends Error {
  override name = 'RolledBack';
}

export function createCommit(db: Db, emitter: EventEmitterPort): Commit {
  return async <T>(work: TxWork<T>, mode?: TxMode): Promise<T> => {
    const out: Outgoing[] = [];
    let rolledBack: { value: T } | undefined;
    const rollback = (value: T): never => {
      rolledBack = { value };
      throw new RolledBack('The transaction was rolled back on purpose.');
    };
    try {
      const result = await inTransaction(db, (tx) => work(tx, out, rollback), mode);
      emitter.send(out);
      return result;
    } catch (error) {
      if (rolledBack && error instanceof RolledBack) return rolledBack.value;
      throw error;
    }
  };
}
