// SPEC §9: /asyncapi.json, /docs (OpenAPI) and the event reference, served without a token, generated from
// the contract, valid for the standard validators, and complete: every command, event and route of the
// contract is in them, so a new one without docs cannot land. Every example satisfies its schema.
import { Parser } from '@asyncapi/parser';
import SwaggerParser from '@apidevtools/swagger-parser';
import {
  commandNames,
  commands,
  eventNames,
  events,
  restRoutes,
  serviceRoutes,
  CONTRACT_VERSION,
  type CommandDef,
  type EventDef,
  type RouteDef,
} from '@bidwire/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackKey, ackSchema, type AsyncApiDocument, type CommandFacts, type EventFacts } from '../src/docs/asyncapi.js';
import { openApiPath, type OpenApiDocument } from '../src/docs/openapi.js';
import { startServer, type TestServer } from './harness.js';
import { testDbProvider } from './support/test-database.js';

const routes = { ...restRoutes, ...serviceRoutes } as Record<string, RouteDef>;

/** A GET without any Authorization header: the docs are public (SPEC §1). */
async function fetchOpen(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const issuesOf = (result: { success: boolean; error?: { issues: unknown[] } }) => (result.success ? [] : result.error!.issues);

// The documents do not depend on the database: once, in the sqlite project.
describe.runIf(testDbProvider() === 'sqlite')('generated API docs', () => {
  let t: TestServer;
  let asyncapi: AsyncApiDocument;
  let asyncapiText: string;
  let openapi: OpenApiDocument;

  beforeAll(async () => {
    t = await startServer();
    const a = await fetchOpen(`${t.url}/asyncapi.json`);
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/json/);
    asyncapiText = a.text;
    asyncapi = JSON.parse(a.text) as AsyncApiDocument;
    const o = await fetchOpen(`${t.url}/docs/json`);
    expect(o.status).toBe(200);
    openapi = JSON.parse(o.text) as OpenApiDocument;
  });
  afterAll(() => t?.close());

  describe('GET /asyncapi.json', () => {
    it('is an AsyncAPI 3.0 document of this contract version that @asyncapi/parser accepts without errors or warnings', async () => {
      expect(asyncapi.asyncapi).toBe('3.0.0');
      expect(asyncapi.info.version).toBe(CONTRACT_VERSION);
      const { document, diagnostics } = await new Parser().parse(asyncapiText);
      // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
      const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`);
      expect(problems).toEqual([]);
      expect(document).toBeDefined();
      expect(document!.operations().length).toBe(commandNames.length + eventNames.length);
    }, 120_000); // Spectral's rules over ~0.5 MB take seconds

    it('has every command as a send operation whose reply is its ack, with its own error codes as the enum', () => {
      for (const name of commandNames) {
        const def = commands[name] as CommandDef;
        const op = asyncapi.operations[name];
        expect(op, name).toBeDefined();
        expect(op!.action, name).toBe('send');
        expect(op!.summary, name).toBe(def.description);
        expect(op!.messages, name).toEqual([{ $ref: `#/channels/socket/messages/${name}` }]);
        expect(op!.reply?.messages, name).toEqual([{ $ref: `#/channels/socket/messages/${ackKey(name)}` }]);
        const facts = op!['x-bidwire'] as CommandFacts;
        expect(facts.errors, name).toEqual([...def.errors]);
        const ack = asyncapi.components.messages[ackKey(name)]!.payload as { oneOf: Array<{ properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> }> };
        const failure = ack.oneOf.find((branch) => branch.properties.error)!;
        expect(failure.properties.error!.properties!.code!.enum, name).toEqual([...def.errors]);
        expect(facts.joins, name).toBe(def.joins ? `${def.joins.room}:<${def.joins.idField ?? 'your id'}>` : null);
      }
    });

    it('has every event as a receive operation with its payload, room, seq and who receives it', () => {
      for (const name of eventNames) {
        const def = events[name] as EventDef;
        const op = asyncapi.operations[name];
        expect(op, name).toBeDefined();
        expect(op!.action, name).toBe('receive');
        expect(op!.summary, name).toBe(def.description);
        const facts = op!['x-bidwire'] as EventFacts;
        expect(facts.scope, name).toBe(def.scope);
        expect(facts.seq, name).toBe(def.scope === 'room' ? 'yes' : def.scope === 'domain' ? 'in user and topic rooms' : 'no');
        if (def.scope === 'room') {
          expect(facts.room, name).toBe(`${def.room!.room}:<${def.room!.idField ?? 'your id'}>`);
          const payload = asyncapi.components.messages[name]!.payload as { required: string[] };
          expect(payload.required, `${name} carries seq and at`).toEqual(expect.arrayContaining(['seq', 'at']));
        }
        expect(facts.audience.length, name).toBeGreaterThan(10);
      }
      expect(asyncapi.operations.viewerCountChanged!['x-bidwire']).toMatchObject({ seq: 'no', audience: expect.stringContaining('auction room') });
    });

    it('gives every message an example that satisfies the contract schema', () => {
      for (const name of commandNames) {
        const def = commands[name] as CommandDef;
        const [request] = asyncapi.components.messages[name]!.examples;
        expect(issuesOf(def.request.safeParse(request!.payload)), `${name} request`).toEqual([]);
        const acks = asyncapi.components.messages[ackKey(name)]!.examples.map((e) => e.payload as { ok: boolean });
        expect(acks.map((a) => a.ok), name).toEqual([true, false]);
        for (const ack of acks) expect(issuesOf(ackSchema(def).safeParse(ack)), `${name} ack`).toEqual([]);
      }
      for (const name of eventNames) {
        const [example] = asyncapi.components.messages[name]!.examples;
        expect(issuesOf((events[name] as EventDef).payload.safeParse(example!.payload)), name).toEqual([]);
      }
    });
  });

  describe('GET /docs', () => {
    it('serves Swagger UI without a token', async () => {
      const page = await fetchOpen(`${t.url}/docs`);
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.text).toContain('swagger-ui');
    });

    it('serves an OpenAPI 3.1 document that swagger-parser validates', async () => {
      expect(openapi.openapi).toBe('3.1.0');
      expect(openapi.info.version).toBe(CONTRACT_VERSION);
      expect(openapi.info.description).toContain('/docs/events');
      // validate() dereferences in place: give it a copy.
      await expect(SwaggerParser.validate(structuredClone(openapi) as never)).resolves.toBeDefined();
    });

    it('has every route of the contract, with its auth scheme, inputs, result and error statuses', () => {
      const operations = Object.values(openapi.paths).flatMap((item) => Object.values(item));
      expect(operations.length).toBe(Object.keys(routes).length);
      for (const [name, route] of Object.entries(routes)) {
        const op = openapi.paths[openApiPath(route.path)]?.[route.method.toLowerCase()] as Record<string, any> | undefined;
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        expect(op!.operationId).toBe(name);
        expect(op!.summary).toBe(route.description);
        expect(op!.security).toEqual(route.auth === 'service' ? [{ serviceKey: [] }] : route.auth ? [{ accessToken: [] }] : []);
        expect(Object.keys(op!.responses)).toContain(String(route.status));
        expect(op!.responses.default).toEqual({ $ref: '#/components/responses/Error' });
        if (route.auth) expect(op!.responses['401']).toEqual({ $ref: '#/components/responses/Unauthenticated' });
        if (route.params || route.query || route.body) expect(op!.responses['400']).toEqual({ $ref: '#/components/responses/ValidationFailed' });
        const params = (op!.parameters as Array<{ name: string; in: string }>).map((p) => `${p.in}:${p.name}`);
        for (const key of Object.keys(route.params?.shape ?? {})) expect(params).toContain(`path:${key}`);
        for (const key of Object.keys(route.query?.shape ?? {})) expect(params).toContain(`query:${key}`);
        expect(Boolean(op!.requestBody), `${name} body`).toBe(Boolean(route.body));
        if (route.body) expect(issuesOf(route.body.safeParse(op!.requestBody.content['application/json'].example)), `${name} body example`).toEqual([]);
        if (route.status !== 204) {
          expect(issuesOf(route.response.safeParse(op!.responses[String(route.status)].content['application/json'].example)), `${name} example`).toEqual([]);
        }
      }
    });

    it('describes the error shape { error: { code, message, details? } }', () => {
      const schemas = (openapi.components as { schemas: Record<string, any> }).schemas;
      expect(schemas.Error.required).toEqual(['error']);
      expect(schemas.Error.properties.error.required).toEqual(['code', 'message']);
      expect(Object.keys(schemas.Error.properties.error.properties)).toEqual(['code', 'message', 'details']);
    });
  });

  describe('GET /docs/events', () => {
    it('is an HTML page with an entry for every command and event', async () => {
      const page = await fetchOpen(`${t.url}/docs/events`);
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      for (const name of [...commandNames, ...eventNames]) expect(page.text, name).toMatch(new RegExp(`<section class="entry (command|event)" id="${name}"`));
      expect(page.text).toContain('href="/docs"');
    });
  });
});
