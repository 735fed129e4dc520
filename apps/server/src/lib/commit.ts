// Runs work in one transaction and sends the durable room events it recorded once it has committed:
// an event never goes out for a change that rolled back, and always carries the seq it was stored with.
import type { Db } from '../db/client.js';
import { inTransaction, type Tx, type TxMode } from '../db/tx.js';
import type { EventEmitterPort } from '../realtime/emitter.js';
import type { Outgoing } from '../modules/rooms/room-log.js';

export type Commit = <T>(work: (tx: Tx, out: Outgoing[]) => Promise<T>, mode?: TxMode) => Promise<T>;

export function createCommit(db: Db, emitter: EventEmitterPort): Commit {
  return async (work, mode) => {
    const out: Outgoing[] = [];
    const result = await inTransaction(db, (tx) => work(tx, out), mode);
    emitter.send(out);
    return result;
  };
}
