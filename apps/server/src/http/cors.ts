// The CORS allowlist (CORS_ORIGINS); without it, development allows localhost origins only. The same check
// guards REST (here) and Socket.IO's polling and WebSocket handshakes (realtime/socket-server.ts).
import cors from '@fastify/cors';
import { routes, serviceRoutes } from '@bidwire/contract';
import type { FastifyInstance } from 'fastify';

const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function originChecker(allowlist: string[] | undefined): (origin: string) => boolean {
  if (!allowlist) return (origin) => LOCALHOST.test(origin);
  const allowed = new Set(allowlist);
  return (origin) => allowed.has(origin) || allowed.has('*');
}

/** Every method the API's routes use (a preflight for PATCH or DELETE must be allowed too), and HEAD. */
export const CORS_METHODS = [...new Set(['GET', 'HEAD', ...[...Object.values(routes), ...Object.values(serviceRoutes)].map((r) => r.method)])];

/**
 * REST's CORS: requests without an Origin (mobile apps, other servers) pass; a browser's from an allowed
 * origin get the headers. A preflight is answered with the API's methods and the headers it asks for
 * (the SDK sends `authorization`, `content-type` and `accept`; an app may add its own), cached 10 minutes.
 */
export async function registerCors(app: FastifyInstance, isAllowedOrigin: (origin: string) => boolean): Promise<void> {
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || isAllowedOrigin(origin)),
    methods: CORS_METHODS,
    maxAge: 600,
  });
}
