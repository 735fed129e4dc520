// The drain of a graceful shutdown (SPEC §9 "SIGTERM"), transport-neutral: once it has begun, new commands,
// REST requests and connections are refused (UNAVAILABLE), while the work already running is counted so the
// shutdown can wait for it — and for its acks and broadcasts — before it closes the connections.
import { DomainError } from './errors.js';
import type { DependencyCheck } from './ports/dependency-checks.js';

export const SHUTTING_DOWN = 'The server is shutting down. Try again in a moment.';

export interface Drain {
  /** True once the shutdown has begun. */
  readonly draining: boolean;
  /** How many commands and requests are running. */
  readonly inFlight: number;
  /** Stops admitting work (idempotent). */
  begin(): void;
  /** The error a command or request arriving during the drain gets. */
  refusal(): DomainError;
  /** Counts one piece of work until the returned release is called (once; later calls do nothing). */
  enter(): () => void;
  /** Counts `work` until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves true once nothing is running, or false at `deadline` (ms since epoch) if something still is. */
  settled(deadline: number): Promise<boolean>;
}

export function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  const waiters = new Set<() => void>();

  const enter = () => {
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--inFlight === 0) for (const wake of [...waiters]) wake();
    };
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    begin() {
      draining = true;
    },
    refusal: () => new DomainError('UNAVAILABLE', SHUTTING_DOWN),
    enter,
    track(work) {
      const release = enter();
      return work.finally(release);
    },
    settled(deadline) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (all: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(all);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
        waiters.add(wake);
      });
    },
  };
}

/** The drain as /readyz reports it: `server` is down while the server shuts down. */
export const drainCheck = (drain: Drain): DependencyCheck => ({
  name: 'server',
  check: async () => {
    if (drain.draining) throw new Error('shutting down');
  },
});
