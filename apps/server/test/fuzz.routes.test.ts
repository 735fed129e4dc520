// Property-based fuzzing of every REST route (SPEC §1 REST conventions), the app's and the service API's
// (/internal/v1, SPEC §6, called with a service key), the HTTP side of
// fuzz.commands.test.ts: bodies, query strings and path parameters generated from the contract's zod
// schemas, of the right shape and not. Whatever comes, the server answers in the API's error shape with a
// code of the contract and a 4xx status, never 500; a refused body is 400 VALIDATION_FAILED and changes
// nothing in the database.
// Bounded for CI: BIDWIRE_FUZZ_RUNS requests of each kind per route (default 25); BIDWIRE_FUZZ_SEED replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { domainEventPayloads, ERROR_CODES, routes, serviceRoutes, type DomainEventName, type RouteName } from '@bidwire/contract';
import { parseInput } from '../src/lib/parse-input.js';
import { startServer, type TestServer } from './harness.js';
import { SERVICE_KEY } from './messaging-fixtures.js';
import { http, liveAuction, type HttpResult, type LiveAuction } from './raw-socket.js';
import { databaseState } from './support/database-state.js';
import { invalidArbitrary, overTheWire, shapedArbitrary, type ArbitraryHints } from './support/zod-arbitrary.js';

const RUNS = Number(process.env.BIDWIRE_FUZZ_RUNS ?? 25);
const SEED = process.env.BIDWIRE_FUZZ_SEED === undefined ? undefined : Number(process.env.BIDWIRE_FUZZ_SEED);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const routeNames = Object.keys(routes) as RouteName[];
const withBody = routeNames.filter((name) => 'body' in routes[name]);
const withQuery = routeNames.filter((name) => 'query' in routes[name]);
const withParams = routeNames.filter((name) => 'params' in routes[name]);
const JSON_REFUSED = 'The request body is not valid JSON, or holds a forbidden key (__proto__ or constructor.prototype).';

/** What secure-json-parse refuses in valid JSON: a `__proto__` key, or a `constructor` holding a `prototype`. */
function hasForbiddenKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const forbidden = Object.entries(value).some(
    ([key, inner]) => key === '__proto__' || (key === 'constructor' && typeof inner === 'object' && inner !== null && Object.hasOwn(inner, 'prototype')),
  );
  return forbidden || Object.values(value).some(hasForbiddenKey);
}

const partOf = (name: RouteName, part: 'params' | 'query' | 'body') => (routes[name] as Record<string, unknown>)[part] as z.ZodObject;

describe('fuzzed REST routes', () => {
  let t: TestServer;
  let a: LiveAuction;
  let hints: ArbitraryHints;
  /** Valid path parameters by name, so a request wrong in one part only reaches that part's check. */
  let validParams: Record<string, string>;

  const pathOf = (name: RouteName, values: Record<string, unknown>) =>
    routes[name].path.replace(/:(\w+)/g, (_m, key: string) => encodeURIComponent(String(values[key] ?? validParams[key])));

  /** Sends as the auction's owner (a service route: with the service key); checks what every answer must be. */
  const send = async (name: RouteName, opts: { path?: string; body?: unknown; query?: string }): Promise<HttpResult> => {
    const def = routes[name];
    const path = (opts.path ?? pathOf(name, {})) + (opts.query ? `?${opts.query}` : '');
    const token = def.auth === 'service' ? SERVICE_KEY : a.owner.token;
    const res = await http(t.url, def.method, path, { token, ...(opts.body === undefined ? {} : { body: opts.body }) });
    const what = `${name} ${def.method} ${path} ${JSON.stringify(opts.body) ?? ''} answered ${res.status} ${JSON.stringify(res.body)}`;
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400) {
      const error = (res.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      expect(ERROR_CODES, what).toContain(error?.code);
      expect(typeof error?.message, what).toBe('string');
    }
    return res;
  };
  /** Refused by its schema, or (a body) by Fastify's JSON parser first when it holds a forbidden key. */
  const expectRefused = (res: HttpResult, where: string, label: string, value?: unknown) =>
    expect(res.body, `${label}: ${res.status} ${JSON.stringify(res.body)}`).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: where === 'body' && hasForbiddenKey(value) ? JSON_REFUSED : `Invalid request ${where}.` },
    });

  beforeAll(async () => {
    // Hundreds of creating requests in a few seconds: lift the create limit (the harness lifts the sign-in one).
    t = await startServer({ REST_CREATE_RATE_LIMIT: '1000000/minute', SERVICE_API_KEYS: SERVICE_KEY });
    a = await liveAuction(t);
    const conversation = await a.owner.rest.createConversation({ body: { participantIds: [a.bidder.id] } });
    const categories = await a.owner.rest.listCategories();
    validParams = { id: a.auctionId, lotId: a.lotId, userId: a.bidder.id, topic: 'request:42' };
    hints = {
      pools: {
        id: [a.auctionId, conversation.id],
        lotId: [a.lotId],
        userId: [a.bidder.id, a.owner.id],
        userIds: [a.bidder.id],
        participantIds: [a.bidder.id],
        categoryId: categories.items.map((c) => c.id),
        phone: ['+15555550123'],
        topic: ['request:42'],
        topics: ['request:42', 'checkout:7'],
        users: [a.bidder.id, a.owner.id],
        limit: [1, 10, 100],
      },
    };
  });
  afterAll(() => t?.close());

  /** A body of the route's shape; publish's payload (`unknown` in its body schema) often one of its event's. */
  const shapedBody = (name: RouteName): fc.Arbitrary<unknown> => {
    const shaped = shapedArbitrary(partOf(name, 'body'), hints);
    if (name !== 'publish') return shaped;
    return shaped.chain((body) => {
      const { event } = body as { event: DomainEventName };
      const payload = shapedArbitrary(domainEventPayloads[event], hints).map((p) => ({ ...(body as object), payload: p }));
      return fc.oneof({ arbitrary: payload, weight: 3 }, { arbitrary: fc.constant(body), weight: 1 });
    });
  };

  it('covers routes with bodies, query strings and path parameters', () => {
    expect(withBody.length).toBeGreaterThan(5);
    expect(withQuery.length).toBeGreaterThan(5);
    expect(withParams.length).toBeGreaterThan(5);
    expect(routeNames).toEqual(expect.arrayContaining(Object.keys(serviceRoutes)));
  });

  it.each(withBody)('%s: refused bodies → 400 VALIDATION_FAILED, nothing changes', async (name) => {
    const schema = partOf(name, 'body');
    const before = await databaseState(t);
    await fc.assert(
      fc.asyncProperty(invalidArbitrary(schema, hints), async (body) => {
        // JSON null is a body too (refused as such); undefined would send none at all.
        const res = await send(name, { body: body === undefined ? null : body });
        expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(400);
        expectRefused(res, 'body', `${name} ${JSON.stringify(body)}`, body);
      }),
      params,
    );
    expect(await databaseState(t)).toEqual(before);
  });

  it.each(withBody)('%s: bodies of the right shape → a success or a 4xx of the contract', async (name) => {
    const schema = partOf(name, 'body');
    await fc.assert(
      fc.asyncProperty(shapedBody(name).map(overTheWire), async (body) => {
        const res = await send(name, { body });
        if (!parseInput(schema, body).success) expectRefused(res, 'body', `${name} ${JSON.stringify(body)}`, body);
      }),
      params,
    );
  });

  /** A query string from values of the right shape and not: strings, repeated keys, unknown keys. */
  const queryArbitrary = (schema: z.ZodObject) => {
    const keys = Object.keys(schema.shape);
    const value = fc.oneof(
      ...keys.map((key) => shapedArbitrary(schema.shape[key] as z.ZodType, hints, key).map((v) => String(v))),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '-1', '0', '1e400', 'NaN', 'null', '[]', '{}', 'x'.repeat(300)),
    );
    const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 4 }, { arbitrary: fc.string({ minLength: 1, maxLength: 10 }), weight: 1 });
    return fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());
  };

  it.each(withQuery)('%s: any query string → a success or a 4xx of the contract', async (name) => {
    await fc.assert(
      fc.asyncProperty(queryArbitrary(partOf(name, 'query')), async (query) => {
        const res = await send(name, { query });
        if (res.status === 400) expect((res.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      }),
      params,
    );
  });

  it.each(withParams)('%s: any path parameters → a success or a 4xx of the contract, nothing changes unless valid', async (name) => {
    const schema = partOf(name, 'params');
    const keys = Object.keys(schema.shape);
    const segment = fc.oneof(
      { arbitrary: fc.string({ minLength: 1, maxLength: 80 }), weight: 3 },
      { arbitrary: fc.constantFrom('x'.repeat(65), '%', '..', 'me', ' ', '0', '-1'), weight: 1 },
    );
    const body = 'body' in routes[name] ? shapedBody(name).map(overTheWire) : fc.constant(undefined);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), segment), body, async (values, requestBody) => {
        const res = await send(name, { path: pathOf(name, values), body: requestBody });
        if (res.status === 400) expect((res.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      }),
      params,
    );
  });

  it('the server still answers afterwards', async () => {
    expect((await a.owner.rest.getAuction({ params: { id: a.auctionId } })).id).toBe(a.auctionId);
  });
});
