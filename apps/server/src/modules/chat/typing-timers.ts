// Typing indicators fall back to "not typing" when not refreshed. The expiry sits behind this small
// port so the multi-node mode can keep it cluster-wide; this is the in-process implementation.
export interface TypingTimers {
  /** Starts or refreshes `key`'s timer; true when the key was not running (typing just started). */
  start(key: string, ms: number, onExpire: () => void): boolean;
  /** Stops `key`'s timer; true when it was running (typing just stopped). */
  stop(key: string): boolean;
  close(): void;
}

export function createLocalTypingTimers(): TypingTimers {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    start(key, ms, onExpire) {
      const running = timers.get(key);
      if (running) clearTimeout(running);
      const timer = setTimeout(() => {
        timers.delete(key);
        onExpire();
      }, ms);
      timer.unref();
      timers.set(key, timer);
      return !running;
    },
    stop(key) {
      const running = timers.get(key);
      if (!running) return false;
      clearTimeout(running);
      timers.delete(key);
      return true;
    },
    close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
