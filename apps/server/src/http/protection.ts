// What stands in front of every HTTP route: security headers (@fastify/helmet) and REST rate limits
// (@fastify/rate-limit) — per client IP on /auth/*, per user on the routes that create things — kept in
// Redis when REDIS_URL is set, so the limit holds across nodes. Register it before any route.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config, RestLimit } from '../config.js';
import { DomainError } from '../core/errors.js';
import type { VerifyAccessToken } from '../core/user.js';
import { bearerToken } from './bind-routes.js';

export interface ProtectionDeps {
  limits: Config['restLimits'];
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  verify: VerifyAccessToken;
}

/**
 * The web app (Vite build: same-origin scripts, its socket to the same origin), the docs pages and the API
 * share one policy. Images may come from any https host (auction images, avatars are URLs).
 * No upgrade-insecure-requests: a node reached over plain http (development, a private network) would
 * otherwise ask the browser for https assets it does not serve.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: true,
  directives: {
    'connect-src': ["'self'", 'ws:', 'wss:'],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'upgrade-insecure-requests': null,
  },
};

const seconds = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs / 1000));
const limited = (message: string, ttlMs: number) =>
  // statusCode: Fastify's error handler answers it with 429 and the API's `{ error: { code, message } }` shape.
  Object.assign(new DomainError('RATE_LIMITED', `${message} Try again in ${seconds(ttlMs)} seconds.`, { retryAfterSeconds: seconds(ttlMs) }), {
    statusCode: 429,
  });

/** Which budget a route spends: /auth/* per client address, POST with a user's token (creating) per user. */
function budgetOf(route: RouteOptions): 'auth' | 'create' | undefined {
  if (route.url.startsWith('/auth/')) return 'auth';
  // Service routes (/internal/v1) are other backends publishing at volume, with their own key: not limited here.
  if ([route.method].flat().includes('POST') && !route.url.startsWith('/internal/')) return 'create';
  return undefined;
}

/** Fastify's trustProxy from TRUST_PROXY: a number is how many proxy hops to believe in X-Forwarded-For. */
export function trustProxyOption(value: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

export async function registerProtection(app: FastifyInstance, deps: ProtectionDeps): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY });

  const redis = deps.redisUrl ? await rateLimitRedis(deps.redisUrl, app) : undefined;
  await app.register(rateLimit, {
    global: false,
    // Redis down: let requests through rather than refuse every sign-in and creation (readyz shows the outage).
    skipOnError: true,
    // Keys read `<prefix>:rest-limit:undefinedundefined-auth:<ip>`: the plugin names a limiter made with
    // app.rateLimit() after a route it does not have (harmless, and unique per budget through our key prefixes).
    ...(redis ? { redis, nameSpace: `${deps.redisKeyPrefix}:rest-limit:` } : {}),
  });
  // disconnect(), not quit(): it also stops the reconnection loop when Redis was never reached.
  if (redis) app.addHook('onClose', async () => redis.disconnect());

  // One budget per kind, shared by all its routes (asking codes and verifying them spend the same one).
  const perWindow = (l: RestLimit) => ({ max: l.max, timeWindow: l.windowMs });
  const limiters = {
    auth: app.rateLimit({
      ...perWindow(deps.limits.authPerIp),
      keyGenerator: (req) => `auth:${req.ip}`,
      errorResponseBuilder: (_req, ctx) => limited('Too many sign-in requests from your network.', ctx.ttl),
    }),
    create: app.rateLimit({
      ...perWindow(deps.limits.createPerUser),
      // The user behind a verified token; without one, the address (the request will be refused anyway).
      keyGenerator: async (req) => {
        const token = bearerToken(req);
        const user = token ? await deps.verify(token).catch(() => undefined) : undefined;
        return user ? `create:user:${user.id}` : `create:ip:${req.ip}`;
      },
      errorResponseBuilder: (_req, ctx) => limited('Too many requests to create things.', ctx.ttl),
    }),
  };
  app.addHook('onRoute', (route) => {
    const budget = budgetOf(route);
    if (budget) route.onRequest = [...[route.onRequest ?? []].flat(), limiters[budget]];
  });
}

/**
 * @fastify/rate-limit's Redis store speaks ioredis (the server's other Redis connections use node-redis).
 * Fail fast while Redis is away (no offline queue, one try) so a request is never held up by the limiter.
 * Imported only with REDIS_URL.
 */
async function rateLimitRedis(url: string, app: FastifyInstance): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let down = false;
  redis.on('error', (err: unknown) => {
    if (!down) app.log.warn({ err }, 'redis (REST rate limits) unreachable; limits are skipped until it is back');
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}
