// THE ONLY place REST routes meet Fastify: every route of the contract is bound here to its module's
// handler — authenticate, parse params/query/body with the contract, run the handler, check the answer
// against the contract (when contract checks are on), answer with the route's status, and map every error
// to `{ error: { code, message, details? } }`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type * as z from 'zod';
import { HTTP_STATUS_BY_CODE, routeNames, routes, type RouteDef, type RouteName } from '@bidwire/contract';
import { assertMatches } from '../core/contract-check.js';
import { DomainError, INTERNAL_MESSAGE } from '../core/errors.js';
import { WithStatus, type RouteHandler, type RouteHandlers, type RouteInput } from '../core/module.js';
import type { AuthUser, VerifyAccessToken } from '../core/user.js';
import { parseInput } from '../lib/parse-input.js';
import type { ServiceKeyCheck } from './service-keys.js';

export function sendError(reply: FastifyReply, error: unknown, req: FastifyRequest) {
  if (error instanceof DomainError) {
    const payload = { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
    return reply.status(HTTP_STATUS_BY_CODE[error.code]).send({ error: payload });
  }
  req.log.error({ err: error }, 'unhandled error in REST route');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  // A missing part reads as `{}`; an explicit JSON `null` body stays null and is refused as such.
  const parsed = parseInput(schema, value === undefined ? {} : value);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', `Invalid request ${where}.`, { issues: parsed.issues });
  }
  return parsed.data;
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice('Bearer '.length).trim() || undefined;
}

/** Fastify's own refusals (bad JSON, body over the cap, wrong content type) in the API's error shape. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large (the limit is 64 KB).',
  // Fastify's JSON parser (secure-json-parse) also refuses, with the same error, valid JSON that holds a
  // `__proto__` key or a `constructor.prototype`: the message names both causes.
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON, or holds a forbidden key (__proto__ or constructor.prototype).',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON object.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type; send JSON.',
};

function onFastifyError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return sendError(reply, error, req); // thrown by a hook (e.g. the REST rate limits)
  const status = error.statusCode ?? 500;
  if (status >= 500) return sendError(reply, error, req);
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
  return reply.status(status).send({ error: { code, message: FASTIFY_MESSAGES[error.code] ?? error.message } });
}

export interface RouteBindingDeps {
  verify: VerifyAccessToken;
  /** Checks the Bearer key of `auth: 'service'` routes (the /internal/v1 API). */
  serviceKey: ServiceKeyCheck;
  /** Check every response body against the route's response schema. */
  checkResponses: boolean;
}

/** Who is calling a route: nobody (open routes), a service (checked key), or the verified user. */
async function authenticate(def: RouteDef, req: FastifyRequest, deps: RouteBindingDeps): Promise<AuthUser | undefined> {
  if (def.auth === 'service') {
    const key = bearerToken(req);
    if (!key) throw new DomainError('UNAUTHENTICATED', 'No service key provided');
    if (!deps.serviceKey(key)) throw new DomainError('UNAUTHENTICATED', 'Invalid service key');
    return undefined;
  }
  if (!def.auth) return undefined;
  const token = bearerToken(req);
  if (!token) throw new DomainError('UNAUTHENTICATED', 'No token provided');
  return deps.verify(token).catch(() => {
    throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token');
  });
}

/** Binds every route of the contract; `handlers` is exhaustive by type, so none can be missing. */
export function bindRoutes(app: FastifyInstance, handlers: RouteHandlers, deps: RouteBindingDeps): void {
  app.setErrorHandler(onFastifyError);
  for (const name of routeNames) bindRoute(app, name, handlers, deps);
}

function bindRoute(app: FastifyInstance, name: RouteName, handlers: RouteHandlers, deps: RouteBindingDeps) {
  const def: RouteDef = routes[name];
  // The input is parsed with this route's own schemas just above the call, so its type holds.
  const handler = handlers[name] as RouteHandler<RouteName>;
  app.route({
    method: def.method,
    url: def.path,
    handler: async (req, reply) => {
      try {
        const user = await authenticate(def, req, deps);
        const input = {
          params: parsePart(def.params, req.params, 'path parameters'),
          query: parsePart(def.query, req.query, 'query'),
          body: def.body ? parsePart(def.body, req.body, 'body') : undefined,
          user,
        } as RouteInput<RouteName>;
        const result = await handler(input);
        const [status, body] = result instanceof WithStatus ? [result.status, result.body] : [def.status, result];
        if (deps.checkResponses && status !== 204) assertMatches(def.response, body, `The ${name} response`);
        if (status === 204) return reply.status(204).send();
        return reply.status(status).send(body);
      } catch (error) {
        return sendError(reply, error, req);
      }
    },
  });
}
