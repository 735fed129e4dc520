// THE ONLY place REST routes meet Fastify: parse params/query/body with the contract, authenticate,
// run the handler, answer with the route's status, and map every error to `{ error: { code, message } }`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HTTP_STATUS_BY_CODE } from '@bidwire/contract';
import type { RestRoutes, ServiceRoutes } from '@bidwire/contract';
import { DomainError, INTERNAL_MESSAGE } from '../errors.js';
import type { AuthUser } from '../modules/auth/auth-user.js';
import type { VerifyAccessToken } from '../modules/auth/access-tokens.js';
import type { ServiceKeyCheck } from './service-keys.js';
import { issuesOf } from '../lib/zod-issues.js';

type AnyRoute = RestRoutes[keyof RestRoutes] | ServiceRoutes[keyof ServiceRoutes];
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends AnyRoute> {
  params: R extends { params: infer P } ? Out<P> : undefined;
  query: R extends { query: infer Q } ? Out<Q> : undefined;
  body: R extends { body: infer B } ? Out<B> : undefined;
  user: R extends { auth: true } ? AuthUser : undefined;
}

export type RouteBinder = <R extends AnyRoute>(
  route: R,
  handler: (input: RouteInput<R>) => Promise<z.input<R['response']>>,
) => void;

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
  const parsed = schema.safeParse(value === undefined ? {} : value);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', `Invalid request ${where}.`, { issues: issuesOf(parsed.error) });
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
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON object.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type; send JSON.',
};

function onFastifyError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 500) return sendError(reply, error, req);
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
  return reply.status(status).send({ error: { code, message: FASTIFY_MESSAGES[error.code] ?? error.message } });
}

/** `serviceKey` checks the Bearer key of `auth: 'service'` routes (the /internal/v1 API). */
export function createRouteBinder(app: FastifyInstance, verify: VerifyAccessToken, serviceKey?: ServiceKeyCheck): RouteBinder {
  app.setErrorHandler(onFastifyError);
  return (route, handler) => {
    const def = route as AnyRoute & { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
    app.route({
      method: def.method,
      url: def.path,
      handler: async (req, reply) => {
        try {
          let user: AuthUser | undefined;
          if (def.auth === 'service') {
            const key = bearerToken(req);
            if (!key) throw new DomainError('UNAUTHENTICATED', 'No service key provided');
            if (!serviceKey?.(key)) throw new DomainError('UNAUTHENTICATED', 'Invalid service key');
          } else if (def.auth) {
            const token = bearerToken(req);
            if (!token) throw new DomainError('UNAUTHENTICATED', 'No token provided');
            user = await verify(token).catch(() => {
              throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token');
            });
          }
          const input = {
            params: parsePart(def.params, req.params, 'path parameters'),
            query: parsePart(def.query, req.query, 'query'),
            body: def.body ? parsePart(def.body, req.body, 'body') : undefined,
            user,
          } as RouteInput<typeof route>;
          const result = await handler(input);
          if (def.status === 204) return reply.status(204).send();
          return reply.status(def.status).send(result);
        } catch (error) {
          return sendError(reply, error, req);
        }
      },
    });
  };
}
