// Gives back the heap the start-up grew as soon as the server idles, instead of 16-25 s later.
//
// Why (measured with `--trace-gc-verbose --trace-mutator-utilization`, README "Start-up heap"): start-up allocates
// ~25 MB in its first second, which grows V8's young generation to its limit (16 MiB with `--max-semi-space-size=8`).
// V8 gives it back when its memory reducer, looking 8 s after start-up's major GC and every 8 s after, finds the
// allocation rates low; it averages the young generation's over its last ten garbage collections, all start-up's
// until more happen, so an idle server was judged busy at the looks at 8 and 16 s (RSS 113-122 MiB until the
// reducer ran, ~95 after). Ten young-generation collections once the server idles replace that history (0.4-7 ms
// each: little is left to copy); the reducer then runs at its first look, if the old generation's rate is low too
// (that is start-up's old-generation allocation over the time since start, which scripts/wasm-read-once.mjs keeps
// ~4 MB smaller). V8 has no call to run the memory reducer itself (its memory-pressure notification is not exposed
// to JavaScript), which is why this steers it this way, kept in one place.
//
// Needs `--expose-gc` (`pnpm start` and deploy/Dockerfile set it); without it (tests, tsx) it does nothing. A server
// that is already busy is left alone: its reducer judges its own load's history correctly.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

type MinorGc = (options: { type: 'minor' }) => void;

export interface StartUpHeapOptions {
  /** V8's exposed `gc` (defaults to `globalThis.gc`, present with `--expose-gc`). */
  gc?: MinorGc | undefined;
  /** Wait after listening before the first collection. */
  firstAfterMs?: number;
  everyMs?: number;
}

const COLLECTIONS = 10; // V8's GC tracer keeps ten allocation samples.
const IDLE_BELOW = 0.1; // event-loop utilisation over the previous wait (an idle server's sweeps use ~1%)

/** Runs the collections while the event loop stays idle; resolves with how many ran (0 without `--expose-gc`). */
export function releaseStartUpHeapWhenIdle(options: StartUpHeapOptions = {}): Promise<number> {
  const gc = 'gc' in options ? options.gc : (globalThis as { gc?: MinorGc }).gc;
  if (typeof gc !== 'function') return Promise.resolve(0);
  const everyMs = options.everyMs ?? 100;
  return new Promise((resolve) => {
    let before: EventLoopUtilization = performance.eventLoopUtilization();
    let ran = 0;
    const step = () => {
      const busy = performance.eventLoopUtilization(performance.eventLoopUtilization(), before).utilization;
      if (busy > IDLE_BELOW) return resolve(ran);
      try {
        gc({ type: 'minor' });
      } catch {
        return resolve(ran); // a Node whose gc() takes other options: the reducer runs later, as it did before
      }
      before = performance.eventLoopUtilization(); // the collection itself is not the server's load
      if (++ran === COLLECTIONS) return resolve(ran);
      setTimeout(step, everyMs).unref();
    };
    setTimeout(step, options.firstAfterMs ?? 1_000).unref();
  });
}
