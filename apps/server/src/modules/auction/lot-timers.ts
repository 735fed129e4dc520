// The port that wakes the server when a timed lot reaches its end, and its in-process implementation.
// Timers only say "look at this lot now": the database decides, so a stale or duplicate wake-up is
// harmless and a cluster-safe implementation can replace this one without touching the closing logic.

export interface LotTimers {
  /** (Re)arms the lot's timer for `at`; a later call for the same lot replaces the earlier one. */
  schedule(lotId: string, at: Date): void;
  cancel(lotId: string): void;
  close(): void;
}

// setTimeout overflows above 2^31-1 ms (~24.8 days): longer waits are done in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createLocalLotTimers(onDue: (lotId: string) => void, now: () => number = Date.now): LotTimers {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const arm = (lotId: string, at: number) => {
    const wait = Math.max(0, at - now());
    const timer = setTimeout(() => {
      if (wait > MAX_TIMER_MS) return arm(lotId, at);
      timers.delete(lotId);
      onDue(lotId);
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref?.();
    timers.set(lotId, timer);
  };

  const cancel = (lotId: string) => {
    clearTimeout(timers.get(lotId));
    timers.delete(lotId);
  };

  return {
    schedule(lotId, at) {
      cancel(lotId);
      arm(lotId, at.getTime());
    },
    cancel,
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
