// The documentation endpoints (SPEC §9), open to everyone (no token): GET /docs (the REST API, OpenAPI 3.1
// in Swagger UI; the document itself at /docs/json), GET /asyncapi.json (the real-time API) and GET
// /docs/events (the readable event reference). All generated from the contract (src/docs).
import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { docsFrom, type DocsSource } from '../docs/docs.js';
import { EVENT_REFERENCE_SCRIPT } from '../docs/event-reference-script.js';
import { ASYNCAPI_PATH, EVENT_REFERENCE_PATH, EVENT_REFERENCE_SCRIPT_PATH, OPENAPI_UI_PATH } from '../docs/guide.js';

/** Where the build wrote the documents: dist/docs beside the bundle (dist/main.js). From source it does not exist. */
const BUILT_DOCS_DIR = fileURLToPath(new URL('./docs/', import.meta.url));

export async function registerDocsRoutes(app: FastifyInstance, given?: DocsSource): Promise<void> {
  const source = given ?? (await docsFrom(BUILT_DOCS_DIR));
  // Swagger UI reads the document through @fastify/swagger's static mode, which serves a 3.1 document as
  // it is.
  // Cast: @fastify/swagger's types only name OpenAPI 2.0 and 3.0 documents; ours is 3.1.
  const document = source.openapi() as unknown as StaticDocumentSpec['document'];
  await app.register(swagger, { mode: 'static', specification: { document } });
  await app.register(swaggerUi, { routePrefix: OPENAPI_UI_PATH, uiConfig: { deepLinking: true } });
  app.log.debug({ origin: source.origin }, 'API docs');
  app.get(ASYNCAPI_PATH, (_req, reply) => reply.type('application/json; charset=utf-8').send(source.asyncapiJson()));
  app.get(EVENT_REFERENCE_PATH, (_req, reply) => reply.type('text/html; charset=utf-8').send(source.eventsHtml()));
  app.get(EVENT_REFERENCE_SCRIPT_PATH, (_req, reply) => reply.type('text/javascript; charset=utf-8').send(EVENT_REFERENCE_SCRIPT));
}
