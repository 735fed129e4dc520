// An in-memory fake of Bidwire's REST API for app tests, derived from the contract like the fake socket
// server: a real REST client (createRestClient) calls it through an injected `fetch`. Tests script one
// handler per route; requests are validated with the route's schemas (VALIDATION_FAILED as the server
// answers it) and every answer is checked against the route's response schema.
import { HTTP_STATUS_BY_CODE, restRoutes, type ErrorCode, type RestRouteName, type RestRoutes, type RouteDef } from '@bidwire/contract';
import type { z } from 'zod';
import { createRestClient, type FetchLike, type RestClient } from '@bidwire/sdk';
import { check, ContractViolation, describeIssues, type FieldIssue } from './contract-check.js';

type Part<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a route handler receives: the validated params, query and body (defaults applied). */
export interface RestRequest<K extends RestRouteName> {
  params: Part<RestRoutes[K], 'params'>;
  query: Part<RestRoutes[K], 'query'>;
  body: Part<RestRoutes[K], 'body'>;
  /** The Bearer token the client sent, or null. */
  token: string | null;
  /** Answers the request with an error (the status follows the code, e.g. 404 for NOT_FOUND). */
  fail(code: ErrorCode, message: string, details?: unknown): never;
}

/** What a route handler may answer: the route's response before defaults (checked against it). */
export type RestReply<K extends RestRouteName> = z.input<RestRoutes[K]['response']>;
export type RestHandler<K extends RestRouteName> = (request: RestRequest<K>) => RestReply<K> | Promise<RestReply<K>>;

export interface ReceivedRequest {
  route: RestRouteName;
  method: string;
  url: string;
  token: string | null;
  /** The body as sent (parsed JSON), or undefined. */
  body: unknown;
}

class Failure {
  constructor(readonly error: { code: ErrorCode; message: string; details?: unknown }) {}
}

const BASE_URL = 'http://bidwire.test';
const routeTable = Object.entries(restRoutes as Record<string, RouteDef>).map(([name, def]) => ({
  name: name as RestRouteName,
  def,
  // "/games/:id" → /^\/games\/([^/]+)$/ with the parameter names in order.
  pattern: new RegExp(`^${def.path.replace(/:([A-Za-z0-9_]+)/g, '([^/]+)')}$`),
  keys: [...def.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!),
}));

export class FakeRest {
  readonly baseUrl = BASE_URL;
  /** Every request, in order. */
  readonly received: ReceivedRequest[] = [];
  /** Answers the test scripted that the real server could not send. */
  readonly violations: string[] = [];
  private readonly handlers = new Map<string, RestHandler<RestRouteName>>();

  /** Scripts a route: a function of the validated request, or a fixed answer (checked against the contract). */
  handle<K extends RestRouteName>(route: K, handler: RestHandler<K> | RestReply<K>): this {
    if (!(route in restRoutes)) throw new ContractViolation(`${String(route)} is not a REST route of the contract.`);
    const fn = typeof handler === 'function' ? handler : () => handler;
    this.handlers.set(route, fn as RestHandler<RestRouteName>);
    return this;
  }

  /** The requests one route received, in order. */
  requestsOf(route: RestRouteName): ReceivedRequest[] {
    return this.received.filter((r) => r.route === route);
  }

  /** A real REST client talking to this fake (token `test-token` unless given). */
  client(options: { token?: string } = {}): RestClient {
    return createRestClient({ baseUrl: this.baseUrl, token: options.token ?? 'test-token', fetch: this.fetch });
  }

  /** The `fetch` the client calls: routes the request by the contract's method and path. */
  readonly fetch: FetchLike = async (url, init) => {
    const { pathname, searchParams } = new URL(url);
    const route = routeTable.find((r) => r.def.method === init.method && r.pattern.test(pathname));
    const token = /^Bearer (.+)$/.exec(init.headers.authorization ?? '')?.[1] ?? null;
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    if (!route) return reply(404, { error: { code: 'NOT_FOUND', message: `Route ${init.method} ${pathname} not found.` } });
    this.received.push({ route: route.name, method: init.method, url, token, body });
    if (route.def.auth && !token) return reply(401, { error: { code: 'UNAUTHENTICATED', message: 'No token provided' } });

    const values = route.pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
    const issues: FieldIssue[] = [];
    const part = (schema: z.ZodType | undefined, value: unknown, where: string) => {
      if (!schema) return undefined;
      const checked = check(schema, value);
      if (checked.ok) return checked.data;
      issues.push(...checked.issues.map((i) => ({ ...i, path: i.path === '(root)' ? where : `${where}.${i.path}` })));
      return undefined;
    };
    const params = part(route.def.params, Object.fromEntries(route.keys.map((k, i) => [k, values[i]])), 'params');
    const search: Record<string, string> = {};
    searchParams.forEach((value, key) => (search[key] = value));
    const query = part(route.def.query, search, 'query');
    const parsedBody = part(route.def.body, body, 'body');
    if (issues.length > 0) {
      return reply(400, { error: { code: 'VALIDATION_FAILED', message: `Invalid ${route.name} request.`, details: { issues } } });
    }
    const handler = this.handlers.get(route.name);
    if (!handler) {
      return reply(500, { error: { code: 'INTERNAL', message: `The fake REST API has no handler for ${route.name}: add rest.handle('${route.name}', ...).` } });
    }
    const fail = (code: ErrorCode, message: string, details?: unknown): never => {
      throw new Failure(details === undefined ? { code, message } : { code, message, details });
    };
    try {
      const answer = await handler({ params, query, body: parsedBody, token, fail } as RestRequest<RestRouteName>);
      const output = check(route.def.response, answer);
      if (!output.ok) return this.violation(`the ${route.name} handler answered data that breaks the contract: ${describeIssues(output.issues)}`);
      return reply(route.def.status, route.def.status === 204 ? undefined : output.data);
    } catch (thrown) {
      if (thrown instanceof Failure) return reply(HTTP_STATUS_BY_CODE[thrown.error.code], { error: thrown.error });
      return this.violation(`the ${route.name} handler threw ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
    }
  };

  /** Throws when a handler broke the contract (see `violations`), so such a test cannot pass unnoticed. */
  close(options: { allowViolations?: boolean } = {}): void {
    if (this.violations.length > 0 && !options.allowViolations) {
      throw new ContractViolation(`The fake REST API broke the contract:\n- ${this.violations.join('\n- ')}`);
    }
  }

  private violation(text: string) {
    this.violations.push(text);
    console.error(`[bidwire fake REST] ${text}`);
    return reply(500, { error: { code: 'INTERNAL', message: `Fake REST: ${text}` } });
  }
}

/** A new in-memory REST API; `rest.client()` is a REST client wired to it. */
export function createFakeRest(): FakeRest {
  return new FakeRest();
}

function reply(status: number, body: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return Promise.resolve({ ok: status >= 200 && status < 300, status, text: () => Promise.resolve(text) });
}
