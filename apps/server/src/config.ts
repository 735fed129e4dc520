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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.OTP_DEV_ECHO) {
      ctx.addIssue({ code: 'custom', path: ['OTP_DEV_ECHO'], message: 'cannot be enabled when NODE_ENV=production' });
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
  };
}
