// Turns of the event loop shared by the write paths, so that waiting for company never costs an extra turn.
//
// `nextTurn()` is how a bid batcher lets the requests received meanwhile (I/O) join its next batch: every
// waiter of a turn resumes in ONE setImmediate callback. `afterThisTurn(flush)` is how the SQLite commit train
// collects the writes asked for in a turn before running them in one transaction: the flush runs in the same
// check phase, right after the waiters' callback (pre-queued with it), so writes made by resumed waiters leave
// in this turn, not the next one. Hand-written: the two must share Node's setImmediate queue order, which no
// scheduling library exposes.

let waiters: (() => void)[] | undefined; // resumed by the turn callback already queued
const flushes: (() => void)[] = [];
let flushesQueued = 0; // runFlushes callbacks queued that have not run yet

function runFlushes(): void {
  flushesQueued--;
  for (const flush of flushes.splice(0)) flush();
}

function queueFlushes(): void {
  flushesQueued++;
  setImmediate(runFlushes);
}

/** Resolves in the next turn's check phase, together with every other waiter of that turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (!waiters) {
      const resumed: (() => void)[] = (waiters = []);
      setImmediate(() => {
        waiters = undefined;
        for (const r of resumed) r();
      });
      queueFlushes(); // after the waiters' callback: what they ask for is flushed in the same phase
    }
    waiters.push(resolve);
  });
}

/** Runs `flush` once the callbacks of this turn (I/O, or the waiters of `nextTurn`) have run. */
export function afterThisTurn(flush: () => void): void {
  flushes.push(flush);
  if (flushesQueued === 0) queueFlushes();
}
