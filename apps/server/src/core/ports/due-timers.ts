// The port that wakes the server when something falls due (a timed lot's end, a game round's deadline),
// and its in-process implementation. Timers only say "look at this now": the database decides, so a stale
// or duplicate wake-up is harmless and a cluster-safe implementation could replace this one.

export interface DueTimers {
  /** (Re)arms the timer of `key` for `at`; a later call for the same key replaces the earlier one. */
  schedule(key: string, at: Date): void;
  /** Disarms the timer of `key` (a game player who came back before their removal). */
  cancel(key: string): void;
  close(): void;
}

// setTimeout overflows above 2^31-1 ms (~24.8 days): longer waits are done in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createLocalDueTimers(onDue: (key: string) => void, now: () => number = Date.now): DueTimers {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const arm = (key: string, at: number) => {
    const wait = Math.max(0, at - now());
    const timer = setTimeout(() => {
      if (wait > MAX_TIMER_MS) return arm(key, at);
      timers.delete(key);
      onDue(key);
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref?.();
    timers.set(key, timer);
  };

  return {
    schedule(key, at) {
      clearTimeout(timers.get(key));
      arm(key, at.getTime());
    },
    cancel(key) {
      clearTimeout(timers.get(key));
      timers.delete(key);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
