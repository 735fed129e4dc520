// The contract as plain JSON, for `pnpm contract:check`: every command's request, response and errors,
// every event's payload and delivery, every route — with zod's JSON Schema (requests as zod's input,
// responses and events as its output) and without the annotations that do not change the wire.
import { contractJsonSchema, type CommandDef, type EventDef, type JsonSchema, type RouteDef } from '../src/index.js';

export interface RoomBindingSnapshot {
  room: string;
  idField: string | null;
}
export interface CommandSnapshot {
  request: JsonSchema;
  response: JsonSchema;
  errors: string[];
  joins: RoomBindingSnapshot | null;
  leaves: RoomBindingSnapshot | null;
  idempotent: boolean;
}
export interface EventSnapshot {
  scope: string;
  room: RoomBindingSnapshot | null;
  payload: JsonSchema;
}
export interface RouteSnapshot {
  method: string;
  path: string;
  auth: boolean | 'service';
  status: number;
  params: JsonSchema | null;
  query: JsonSchema | null;
  body: JsonSchema | null;
  response: JsonSchema;
}
export interface ContractSnapshot {
  /** The @bidwire/contract version the snapshot was taken at. */
  version: string;
  commands: Record<string, CommandSnapshot>;
  events: Record<string, EventSnapshot>;
  routes: Record<string, RouteSnapshot>;
}

/** A contract to describe: the real one (contract.ts) or a test fixture. */
export interface ContractSource {
  version: string;
  commands: Record<string, CommandDef>;
  events: Record<string, EventDef>;
  routes: Record<string, RouteDef>;
}

/** Keywords that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['description', 'examples', 'title', '$comment', '$schema', 'deprecated', 'readOnly', 'writeOnly']);

function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !ANNOTATIONS.has(key))
      // `properties` maps field names (never keywords) to schemas: keep every name.
      .map(([key, v]) => [key, key === 'properties' || key === '$defs' ? mapValues(v as Record<string, unknown>, stripAnnotations) : stripAnnotations(v)]),
  );
}
const mapValues = (o: Record<string, unknown>, f: (v: unknown) => unknown) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

const schema = (s: Parameters<typeof contractJsonSchema>[0], direction: 'request' | 'response') =>
  stripAnnotations(contractJsonSchema(s, direction)) as JsonSchema;
const room = (b: { room: string; idField?: string } | undefined): RoomBindingSnapshot | null =>
  b ? { room: b.room, idField: b.idField ?? null } : null;
const sorted = <T>(record: Record<string, T>, f: (value: T) => unknown) =>
  Object.fromEntries(Object.keys(record).sort().map((key) => [key, f(record[key]!)]));

export function describeContract(source: ContractSource): ContractSnapshot {
  return {
    version: source.version,
    commands: sorted(source.commands, (c) => ({
      request: schema(c.request, 'request'),
      response: schema(c.response, 'response'),
      errors: [...c.errors],
      joins: room(c.joins),
      leaves: room(c.leaves),
      idempotent: c.idempotent === true,
    })) as Record<string, CommandSnapshot>,
    events: sorted(source.events, (e) => ({ scope: e.scope, room: room(e.room), payload: schema(e.payload, 'response') })) as Record<string, EventSnapshot>,
    routes: sorted(source.routes, (r) => ({
      method: r.method,
      path: r.path,
      auth: r.auth,
      status: r.status,
      params: r.params ? schema(r.params, 'request') : null,
      query: r.query ? schema(r.query, 'request') : null,
      body: r.body ? schema(r.body, 'request') : null,
      response: schema(r.response, 'response'),
    })) as Record<string, RouteSnapshot>,
  };
}
