// Per-user, per-command token buckets shared by every node (Lua keeps take-a-token atomic).
import { DEFAULT_RATE_LIMITS, type RateLimiter } from '../core/ports/rate-limiter.js';
import type { Redis } from './redis-client.js';
import type { RedisKeys } from './redis-keys.js';

const TAKE = `
local rate = tonumber(ARGV[1]); local burst = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return ok`;

export function createRedisRateLimiter(redis: Redis, keys: RedisKeys, overrides: Record<string, number>): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  return {
    async take(userId, command) {
      const rate = limits[command] ?? limits['*'] ?? 30;
      const result = await redis.eval(TAKE, {
        keys: [keys.rateLimit(userId, command)],
        arguments: [String(rate), String(rate * 2), String(Date.now())],
      });
      return Number(result) === 1;
    },
  };
}
