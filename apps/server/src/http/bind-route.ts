// THE ONLY place REST routes meet Fastify: parse params/query/body with the contract, authenticate,
// run the handler, answer with the route's status, and map every error to `{ error: { code, message } }`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HTTP_STATUS_BY_CODE } from '@bidwire/contract';
import type { RestRoutes } from '@bidwire/contract';
import { DomainError, INTERNAL_MESSAGE } from '../errors.js';
import type { AuthUser } from '../modules/auth/auth-user.js';
import type { VerifyAccessToken } from '../modules/auth/access-tokens.js';
import { issuesOf } from '../lib/zod-issues.js';

type AnyRoute = RestRoutes[keyof RestRoutes];
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
  const parsed = schema.safeParse(value ?? {});
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

export function createRouteBinder(app: FastifyInstance, verify: VerifyAccessToken): RouteBinder {
  return (route, handler) => {
    const def = route as AnyRoute & { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
    app.route({
      method: def.method,
      url: def.path,
      handler: async (req, reply) => {
        try {
          let user: AuthUser | undefined;
          if (def.auth) {
            const token = bearerToken(req);
            if (!token) throw new DomainError('UNAUTHENTICATED', 'No token provided');
            user = await verify(token).catch(() => {
              throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token');
            });
          }
          const input = {
            params: parsePart(def.params, req.params, 'path parameters'),
            query: parsePart(def.query, req.query, 'query'),
            body: def.body ? parsePart(def.body, req.body === undefined ? null : req.body, 'body') : undefined,
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
