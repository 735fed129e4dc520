// Serves the demo web app (apps/web/dist, built by `pnpm build`) at `/` on the API's port: its files, and
// index.html for the app's own client-side routes. Every other unknown path keeps the API's 404 shape
// `{ error: { code, message } }`. A server without the built app starts anyway and says so in its log.
import fastifyStatic from '@fastify/static';
import { restRoutes, serviceRoutes } from '@bidwire/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface WebAppOptions {
  /** The built app's folder: apps/web/dist beside the server package. */
  root: string;
}

const firstSegment = (url: string) => url.split('?')[0]!.split('/')[1] ?? '';

/** First path segments that belong to the API (the contract's routes and the operational ones): never the app. */
const API_SEGMENTS = new Set([
  ...[...Object.values(restRoutes), ...Object.values(serviceRoutes)].map((route) => firstSegment(route.path)),
  'socket.io',
  'healthz',
  'readyz',
  'metrics',
  'docs',
  'asyncapi.json',
  'internal',
]);

/** A page the app routes itself: a GET for HTML (a browser navigation) outside the API, not a file name. */
function isAppPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = req.url.split('?')[0]!;
  if (API_SEGMENTS.has(firstSegment(pathname))) return false;
  if (/\.[A-Za-z0-9]+$/.test(pathname)) return false; // a missing asset stays a 404
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') || accept.includes('*/*');
}

// index.html must be revalidated (it names the current assets); the hashed assets never change.
function cacheHeaders(reply: FastifyReply, file: string) {
  reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function notFound(req: FastifyRequest, reply: FastifyReply) {
  const pathname = req.url.split('?')[0];
  return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Route ${req.method} ${pathname} not found.` } });
}

export async function registerWebApp(app: FastifyInstance, { root }: WebAppOptions): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    // wildcard: false — one route per built file (found at start) instead of a catch-all `/*`, which would take
    // every path the API's routes refuse (e.g. an id over the router's length limit: 414) and answer it itself.
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, setHeaders: cacheHeaders });
    app.log.info({ root }, 'serving the web app at /');
  } else {
    app.log.info({ root }, 'the web app is not built, so / serves nothing (run `pnpm build` to build apps/web)');
  }
  app.setNotFoundHandler((req, reply) => {
    if (built && isAppPage(req)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return notFound(req, reply);
  });
}
