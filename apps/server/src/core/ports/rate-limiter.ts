// Per-user, per-command rate limits (SPEC §9) as token buckets: `rate` per second with bursts up to
// twice that. A small interface so the multi-node mode can keep the buckets in Redis.
export const DEFAULT_RATE_LIMITS: Record<string, number> = {
  placeBid: 20,
  gameBid: 20,
  postComment: 5,
  sendMessage: 10,
  setTyping: 10,
  // Each answer is a bounded page (RESYNC_PAGE_MAX_*): this bounds what one user can make the server read and send.
  resync: 10,
  '*': 30,
};

export interface RateLimiter {
  /** true when the call may proceed (and is counted); the shared (Redis) limiter answers asynchronously. */
  take(userId: string, command: string): boolean | Promise<boolean>;
}

export function createLocalRateLimiter(overrides: Record<string, number>, now: () => number = Date.now): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rateOf = (command: string) => limits[command] ?? limits['*'] ?? 30;

  // Full buckets are forgotten now and then so memory follows the active users only.
  const sweep = setInterval(() => {
    const t = now();
    for (const [key, b] of buckets) if (t - b.at > 10_000) buckets.delete(key);
  }, 10_000);
  sweep.unref();

  return {
    take(userId, command) {
      const rate = rateOf(command);
      const burst = rate * 2;
      const key = `${userId}\u0000${command}`;
      const t = now();
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * rate);
      b.at = t;
      const ok = b.tokens >= 1;
      if (ok) b.tokens -= 1;
      buckets.set(key, b);
      return ok;
    },
  };
}
