// Configuration from the environment (SPEC §9), parsed with zod at start: a bad value names its variable.
import { z } from 'zod';

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Per-command rate limits: `placeBid=20,postComment=5,*=30` (events per second per user). */
const rateLimits = z
  .string()
  .transform((s, ctx) => {
    const out: Record<string, number> = {};
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [name, value] = part.split('=');
      const n = Number(value);
      if (!name || !Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected name=number pairs, got "${part}"` });
        return z.NEVER;
      }
      out[name.trim()] = n;
    }
    return out;
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: intIn(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres:\/\/|postgresql:\/\/|mysql:\/\/|mariadb:\/\/)/, 'must start with file:, postgres://, postgresql://, mysql:// or mariadb://')
      .default('file:./data/bidwire.db'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . or -').default('bidwire'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: intIn(1, 7 * 24 * 3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: intIn(60, 365 * 24 * 3600).default(30 * 24 * 3600),
    OTP_DEV_ECHO: bool01.default(false),
    ADMIN_PHONES: csv.default([]),
    SERVICE_API_KEYS: csv.default([]),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    CORS_ORIGINS: csv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RATE_LIMITS: rateLimits.default({}),
    PRESENCE_GRACE_MS: intIn(0, 10 * 60_000).default(5_000),
    TYPING_TIMEOUT_MS: intIn(100, 10 * 60_000).default(6_000),
    CONNECTION_RECOVERY_MS: intIn(0, 24 * 3600 * 1000).default(120_000),
    ROOM_LOG_MIN_EVENTS: intIn(0, 10_000_000).default(1_000),
    ROOM_LOG_MIN_AGE_SECONDS: intIn(0, 365 * 24 * 3600).default(600),
    BIDWIRE_TEST_DROP_EMIT: z
      .string()
      .regex(/^[A-Za-z]+:[1-9]\d*$/, 'expected <event>:<n>, e.g. bidPlaced:3')
      .transform((s) => {
        const [event, n] = s.split(':');
        return { event: event!, nth: Number(n) };
      })
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.OTP_DEV_ECHO) {
      ctx.addIssue({ code: 'custom', path: ['OTP_DEV_ECHO'], message: 'cannot be enabled when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && env.BIDWIRE_TEST_DROP_EMIT) {
      ctx.addIssue({ code: 'custom', path: ['BIDWIRE_TEST_DROP_EMIT'], message: 'is a test hook and cannot be set when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
  });

export type Env = z.output<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and of the Socket.IO stream (several deployments can share one Redis). */
  redisKeyPrefix: string;
  /** Undefined in development: a secret is generated once and kept beside the SQLite file. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  otpDevEcho: boolean;
  adminPhones: string[];
  serviceApiKeys: string[];
  externalAuth: { jwksUrl: string; issuer: string | undefined; audience: string | undefined } | undefined;
  /** Undefined: localhost origins only. */
  corsOrigins: string[] | undefined;
  logLevel: Env['LOG_LEVEL'];
  rateLimits: Record<string, number>;
  /** How long a user's last socket may be gone before they are announced offline (a reload does not flicker). */
  presenceGraceMs: number;
  /** A typing indicator falls back to false after this long without a refresh. */
  typingTimeoutMs: number;
  /** Socket.IO connection state recovery window; 0 turns it off (resync still heals every gap). */
  connectionRecoveryMs: number;
  /** The room log keeps, per room, at least the last `minEvents` events and every event younger than `minAgeMs`. */
  roomLog: { minEvents: number; minAgeMs: number };
  /** Test hook: the n-th emit of this event is skipped (a lost packet), to exercise gap detection. */
  testDropEmit: { event: string; nth: number } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message names every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? 'environment')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    otpDevEcho: e.OTP_DEV_ECHO,
    adminPhones: e.ADMIN_PHONES,
    serviceApiKeys: e.SERVICE_API_KEYS,
    externalAuth: e.AUTH_JWKS_URL
      ? { jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE }
      : undefined,
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    rateLimits: e.RATE_LIMITS,
    presenceGraceMs: e.PRESENCE_GRACE_MS,
    typingTimeoutMs: e.TYPING_TIMEOUT_MS,
    connectionRecoveryMs: e.CONNECTION_RECOVERY_MS,
    roomLog: { minEvents: e.ROOM_LOG_MIN_EVENTS, minAgeMs: e.ROOM_LOG_MIN_AGE_SECONDS * 1000 },
    testDropEmit: e.BIDWIRE_TEST_DROP_EMIT,
  };
}
