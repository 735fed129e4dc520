// Group commit per key: requests for one key (an auction) run one batch at a time, in arrival order; the
// requests that arrive while a batch runs form the next batch. One transaction then carries many requests,
// so a hot key is bounded by the batch's cost, not by one commit (and fsync) per request.
import { nextTurn } from './turns.js';

/** The outcome of one request of a batch. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface KeyedBatcher<Q, R> {
  /** Queues a request behind the ones already queued for its key; settles with its own outcome. */
  submit(key: string, request: Q): Promise<R>;
}

interface Pending<Q, R> {
  request: Q;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * `run(key, requests)` answers one outcome per request, in order; if it throws, every request of the batch
 * fails with that error. At most `maxBatch` requests go into one batch. With `gatherFirst`, the first batch after
 * a quiet spell also waits for the turn (lib/turns.ts), so requests received in the same turn of the event loop
 * (a crowd of sockets read in one poll phase) share it; without, it runs at once (bids: no added latency).
 */
export function createKeyedBatcher<Q, R>(
  run: (key: string, requests: Q[]) => Promise<Settled<R>[]>,
  maxBatch: number,
  { gatherFirst = false }: { gatherFirst?: boolean } = {},
): KeyedBatcher<Q, R> {
  const queues = new Map<string, Pending<Q, R>[]>();

  async function drain(key: string, queue: Pending<Q, R>[]): Promise<void> {
    // The first request after a quiet spell runs at once unless `gatherFirst`. After each batch, one turn of the
    // event loop: requests already received but not yet handled (I/O) join the next batch. Without it, a batch
    // that completes through promises alone (SQLite is synchronous underneath) would never let another request
    // in, and every batch would hold one request. The turn is shared (lib/turns.ts): every key's next batch
    // starts in it, and their writes can leave together in that same turn.
    do {
      const batch = queue.splice(0, maxBatch);
      let outcomes: Settled<R>[];
      try {
        outcomes = await run(key, batch.map((p) => p.request));
        if (outcomes.length !== batch.length) throw new Error(`batch of ${batch.length} answered ${outcomes.length} outcomes`);
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((p, i) => {
        const outcome = outcomes[i] as Settled<R>;
        if (outcome.ok) p.resolve(outcome.value);
        else p.reject(outcome.error);
      });
      await nextTurn();
    } while (queue.length > 0);
    queues.delete(key);
  }

  return {
    submit(key, request) {
      return new Promise<R>((resolve, reject) => {
        const queued = queues.get(key);
        if (queued) {
          queued.push({ request, resolve, reject });
          return;
        }
        const queue = [{ request, resolve, reject }];
        queues.set(key, queue);
        if (gatherFirst) void nextTurn().then(() => drain(key, queue));
        else void drain(key, queue);
      });
    },
  };
}
