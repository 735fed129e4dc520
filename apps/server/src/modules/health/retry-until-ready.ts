// Start-up work that needs a dependency (migrations on PostgreSQL/MySQL) is retried with backoff instead of
// crashing the server, so it can start while the database is down and recover when it comes back.
export interface RetryHandle {
  done: Promise<void>;
  /** Settles after the first attempt: true when it succeeded. */
  firstAttempt: Promise<boolean>;
  stop(): void;
}

export function retryUntilReady(
  work: () => Promise<void>,
  onFailure: (error: unknown, attempt: number, nextInMs: number) => void,
  { firstDelayMs = 250, maxDelayMs = 5_000 } = {},
): RetryHandle {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let first!: (ok: boolean) => void;
  const firstAttempt = new Promise<boolean>((resolve) => (first = resolve));
  const done = new Promise<void>((resolve) => {
    const attempt = async (n: number, delay: number) => {
      if (stopped) return;
      try {
        await work();
        first(true);
        resolve();
      } catch (error) {
        first(false);
        if (stopped) return;
        onFailure(error, n, delay);
        timer = setTimeout(() => void attempt(n + 1, Math.min(maxDelayMs, delay * 2)), delay);
        timer.unref();
      }
    };
    void attempt(1, firstDelayMs);
  });
  return {
    done,
    firstAttempt,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
