// Configuration from the environment (SPEC §9), parsed with zod at start: a bad value names its variable.
import * as z from 'zod';

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

/** A REST limit: `<count>/<window>`, the window `second`, `minute`, `hour` or `<n>s|m|h` (e.g. `30/minute`, `100/10m`). */
const restLimit = z.string().transform((s, ctx) => {
  const m = /^\s*(\d+)\s*\/\s*(?:(second|minute|hour)|(\d+)\s*(s|m|h))\s*$/.exec(s);
  const unitMs = { second: 1_000, minute: 60_000, hour: 3_600_000, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  const max = Number(m?.[1]);
  const windowMs = m ? (m[2] ? unitMs[m[2] as 'second'] : Number(m[3]) * unitMs[m[4] as 's']) : 0;
  if (!m || max < 1 || windowMs < 1_000) {
    ctx.addIssue({ code: 'custom', message: `expected <count>/<window> such as 30/minute or 100/10m, got "${s}"` });
    return z.NEVER;
  }
  return { max, windowMs };
});

/** Fastify's trustProxy: `true`/`false`, a number of proxy hops, or proxy addresses/CIDRs (comma-separated). */
const trustProxy = z.string().transform((s): boolean | number | string[] => {
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^\d+$/.test(s)) return Number(s);
  return s.split(',').map((x) => x.trim()).filter(Boolean);
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
    REFRESH_REUSE_WINDOW_SECONDS: intIn(0, 300).default(30),
    OTP_DEV_ECHO: bool01.default(false),
    ADMIN_PHONES: csv.default([]),
    SERVICE_API_KEYS: csv.default([]),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    CORS_ORIGINS: csv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
    OTP_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    OTP_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    OTP_WEBHOOK_TIMEOUT_MS: intIn(100, 60_000).default(5_000),
    OTP_WEBHOOK_ATTEMPTS: intIn(1, 10).default(3),
    REST_AUTH_RATE_LIMIT: restLimit.default({ max: 30, windowMs: 60_000 }),
    REST_CREATE_RATE_LIMIT: restLimit.default({ max: 60, windowMs: 60_000 }),
    TRUST_PROXY: trustProxy.default(false),
    RATE_LIMITS: rateLimits.default({}),
    PRESENCE_GRACE_MS: intIn(0, 10 * 60_000).default(5_000),
    TYPING_TIMEOUT_MS: intIn(100, 10 * 60_000).default(6_000),
    CONNECTION_RECOVERY_MS: intIn(0, 24 * 3600 * 1000).default(120_000),
    ROOM_LOG_MIN_EVENTS: intIn(0, 10_000_000).default(1_000),
    ROOM_LOG_MIN_AGE_SECONDS: intIn(0, 365 * 24 * 3600).default(600),
    CONTRACT_CHECKS: bool01.optional(),
    RESYNC_PAGE_MAX_EVENTS: intIn(1, 5_000).default(500),
    RESYNC_PAGE_MAX_BYTES: intIn(1_024, 16 * 1024 * 1024).default(64 * 1024),
    GAME_REMOVE_AFTER_MS: intIn(1_000, 24 * 3600 * 1000).default(60_000),
    SHUTDOWN_GRACE_MS: intIn(0, 10 * 60_000).default(10_000),
    SOCKET_MAX_PENDING_BYTES: intIn(16 * 1024, 64 * 1024 * 1024).default(512 * 1024),
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
    if (env.OTP_WEBHOOK_URL && !env.OTP_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['OTP_WEBHOOK_SECRET'], message: 'is required when OTP_WEBHOOK_URL is set (it signs every delivery)' });
    }
    if (env.OTP_WEBHOOK_SECRET && !env.OTP_WEBHOOK_URL) {
      ctx.addIssue({ code: 'custom', path: ['OTP_WEBHOOK_SECRET'], message: 'is set but OTP_WEBHOOK_URL is not' });
    }
    if (env.NODE_ENV === 'production' && !env.OTP_WEBHOOK_URL && !env.AUTH_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OTP_WEBHOOK_URL'],
        message: 'is required when NODE_ENV=production: sign-in codes need a way to reach users (or set AUTH_JWKS_URL to sign in at an external identity provider)',
      });
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
  /** A repeat of a just-rotated refresh token within this many seconds answers the same new pair (0: off). */
  refreshReuseWindowSeconds: number;
  otpDevEcho: boolean;
  adminPhones: string[];
  serviceApiKeys: string[];
  externalAuth: { jwksUrl: string; issuer: string | undefined; audience: string | undefined } | undefined;
  /** Undefined: localhost origins only. */
  corsOrigins: string[] | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** `auto`: human-readable on a terminal, JSON lines otherwise. */
  logFormat: Env['LOG_FORMAT'];
  /**
   * Where sign-in codes go: the signed webhook (OTP_WEBHOOK_URL), the log (development), or nowhere — in
   * production with an external identity provider and no webhook, phone sign-in is off.
   */
  otpDelivery: { kind: 'webhook'; url: string; secret: string; timeoutMs: number; attempts: number } | { kind: 'log' } | { kind: 'off' };
  /** REST limits (429): per client IP on /auth/*, per user on the routes that create things. */
  restLimits: { authPerIp: RestLimit; createPerUser: RestLimit };
  /** Whether to believe X-Forwarded-For (behind a load balancer): Fastify's trustProxy. */
  trustProxy: boolean | number | string[];
  rateLimits: Record<string, number>;
  /** How long a user's last socket may be gone before they are announced offline (a reload does not flicker). */
  presenceGraceMs: number;
  /** A typing indicator falls back to false after this long without a refresh. */
  typingTimeoutMs: number;
  /** Socket.IO connection state recovery window; 0 turns it off (resync still heals every gap). */
  connectionRecoveryMs: number;
  /** The room log keeps, per room, at least the last `minEvents` events and every event younger than `minAgeMs`. */
  roomLog: { minEvents: number; minAgeMs: number };
  /** One `resync` answer holds at most this many events and bytes of events (the client asks for the next page). */
  resyncPage: { maxEvents: number; maxBytes: number };
  /** A player of a running game disconnected for longer than this is removed from it (SPEC §8). */
  gameRemoveAfterMs: number;
  /** SIGTERM: how long the drain may take (in-flight commands, acks, closing connections) before the process exits. */
  shutdownGraceMs: number;
  /** A connection whose unsent output would pass this many bytes (a client that stopped reading) is dropped. */
  socketMaxPendingBytes: number;
  /** Test hook: the n-th emit of this event is skipped (a lost packet), to exercise gap detection. */
  testDropEmit: { event: string; nth: number } | undefined;
  /**
   * Check every ack, REST response and emitted event against the contract (CONTRACT_CHECKS; on by default
   * outside production), so the contract cannot silently lie to clients. Requests are always checked.
   */
  contractChecks: boolean;
}

export interface RestLimit {
  max: number;
  windowMs: number;
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
    refreshReuseWindowSeconds: e.REFRESH_REUSE_WINDOW_SECONDS,
    otpDevEcho: e.OTP_DEV_ECHO,
    adminPhones: e.ADMIN_PHONES,
    serviceApiKeys: e.SERVICE_API_KEYS,
    externalAuth: e.AUTH_JWKS_URL
      ? { jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE }
      : undefined,
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    otpDelivery: e.OTP_WEBHOOK_URL
      ? { kind: 'webhook', url: e.OTP_WEBHOOK_URL, secret: e.OTP_WEBHOOK_SECRET!, timeoutMs: e.OTP_WEBHOOK_TIMEOUT_MS, attempts: e.OTP_WEBHOOK_ATTEMPTS }
      : e.NODE_ENV === 'production'
        ? { kind: 'off' }
        : { kind: 'log' },
    restLimits: { authPerIp: e.REST_AUTH_RATE_LIMIT, createPerUser: e.REST_CREATE_RATE_LIMIT },
    trustProxy: e.TRUST_PROXY,
    rateLimits: e.RATE_LIMITS,
    presenceGraceMs: e.PRESENCE_GRACE_MS,
    typingTimeoutMs: e.TYPING_TIMEOUT_MS,
    connectionRecoveryMs: e.CONNECTION_RECOVERY_MS,
    roomLog: { minEvents: e.ROOM_LOG_MIN_EVENTS, minAgeMs: e.ROOM_LOG_MIN_AGE_SECONDS * 1000 },
    resyncPage: { maxEvents: e.RESYNC_PAGE_MAX_EVENTS, maxBytes: e.RESYNC_PAGE_MAX_BYTES },
    gameRemoveAfterMs: e.GAME_REMOVE_AFTER_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    socketMaxPendingBytes: e.SOCKET_MAX_PENDING_BYTES,
    testDropEmit: e.BIDWIRE_TEST_DROP_EMIT,
    contractChecks: e.CONTRACT_CHECKS ?? e.NODE_ENV !== 'production',
  };
}
