// GET /docs: the REST routes of the contract (`restRoutes`, and `serviceRoutes` under /internal/v1) as an
// OpenAPI 3.1 document, generated from the contract with zod's JSON Schema output (2020-12, OpenAPI 3.1's
// dialect). Per route: its auth scheme, inputs, result and the error statuses it can answer.
import * as z from 'zod';
import {
  CONTRACT_VERSION,
  ErrorPayload,
  contractJsonSchema,
  restRoutes,
  serviceRoutes,
  type JsonSchema,
  type RouteDef,
} from '@bidwire/contract';
import { exampleOf } from './examples.js';
import { restGuide } from './guide.js';

type Json = Record<string, unknown>;

/** The parts of the document the server and the tests read; the rest is plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Json>>;
  [key: string]: unknown;
}
const errorRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The error responses routes share (SPEC §1 REST conventions), all in the `{ error }` shape. */
const ERROR_RESPONSES: Record<string, string> = {
  ValidationFailed: 'VALIDATION_FAILED: a path parameter, the query or the body does not match the schema (issues in `details`).',
  Unauthenticated: 'UNAUTHENTICATED: no token or service key, or an invalid or expired one.',
  NotFound: 'NOT_FOUND: what the path names does not exist (or the caller may not see it).',
  Error: 'Any other refusal in the same shape: 403 FORBIDDEN, 409 INVALID_STATE or CONFLICT, 429 RATE_LIMITED, 500 INTERNAL, 503 UNAVAILABLE.',
};

/** `/auctions/:id` → `/auctions/{id}` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Tags group the routes in the UI: the service API, or the first segment of the path. */
const tagOf = (route: RouteDef) => (route.auth === 'service' ? 'service API' : route.path.split('/')[1]!);

function parameters(route: RouteDef): Json[] {
  const from = (schema: z.ZodObject | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const json = contractJsonSchema(schema, 'request') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: s,
    }));
  };
  return [...from(route.params, 'path'), ...from(route.query, 'query')];
}

function operation(name: string, route: RouteDef): Json {
  const success: Json =
    route.status === 204
      ? { description: 'Done; no content.' }
      : {
          description: route.status === 201 ? 'Created.' : 'OK.',
          content: {
            'application/json': {
              schema: contractJsonSchema(route.response, 'response'),
              example: exampleOf(route.response, 'response'),
            },
          },
        };
  const responses: Json = { [String(route.status)]: success };
  if (route.params || route.query || route.body) responses['400'] = errorRef('ValidationFailed');
  if (route.auth) responses['401'] = errorRef('Unauthenticated');
  if (route.params) responses['404'] = errorRef('NotFound');
  responses.default = errorRef('Error');
  return {
    operationId: name,
    summary: route.description,
    tags: [tagOf(route)],
    security: route.auth === 'service' ? [{ serviceKey: [] }] : route.auth ? [{ accessToken: [] }] : [],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: contractJsonSchema(route.body, 'request'),
                example: exampleOf(route.body, 'request'),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApi(): OpenApiDocument {
  const paths: Record<string, Record<string, Json>> = {};
  const routes = { ...restRoutes, ...serviceRoutes } as Record<string, RouteDef>;
  for (const [name, route] of Object.entries(routes)) {
    const path = openApiPath(route.path);
    const method = route.method.toLowerCase() as Lowercase<RouteDef['method']>;
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`Two routes for ${route.method} ${route.path}.`);
    item[method] = operation(name, route);
  }
  const envelope = contractJsonSchema(z.object({ error: ErrorPayload }), 'response');
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 'Bidwire REST API', version: CONTRACT_VERSION, description: restGuide() },
    tags: [...new Set(Object.values(routes).map(tagOf))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from POST /auth/otp/verify or /auth/refresh (or your identity provider).',
        },
        serviceKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A service key from SERVICE_API_KEYS, for the service API under /internal/v1 (other backends only).',
        },
      },
      schemas: { Error: envelope },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([key, description]) => [
          key,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
    },
  };
  return document;
}
