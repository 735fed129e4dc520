// GET /asyncapi.json: the real-time API as an AsyncAPI 3.0 document generated from the contract. Every
// command is a `send` operation whose `reply` is its ack; every event is a `receive` operation (a client's
// point of view). Schemas are zod's own JSON Schema output in draft-07, the dialect AsyncAPI schemas extend.
import * as z from 'zod';
import {
  CONNECT_ERROR_CODES,
  CONTRACT_VERSION,
  COMMON_ERRORS,
  ConnectErrorData,
  ErrorPayload,
  HandshakeAuth,
  commands,
  contractJsonSchema,
  events,
  type CommandDef,
  type ErrorCode,
  type EventDef,
  type EventScope,
  type JsonSchema,
  type SchemaDirection,
} from '@bidwire/contract';
import { eventDelivery, roomLabel } from './delivery.js';
import { exampleOf } from './examples.js';
import { realtimeGuide } from './guide.js';

const CHANNEL = 'socket';
const ref = ($ref: string) => ({ $ref });
const schemaOf = (schema: z.ZodType, direction: SchemaDirection) => contractJsonSchema(schema, direction, 'draft-07');

/** What the generated docs say about a command beyond its schemas (also read by the event reference page). */
export interface CommandFacts {
  kind: 'command';
  errors: ErrorCode[];
  joins: string | null;
  leaves: string | null;
  /** Sending it twice changes nothing more than once (the contract's `idempotent`). */
  idempotent: boolean;
  /** It takes an optional `requestId`: a retry with the same one returns the first result (SPEC §1). */
  requestId: boolean;
}
/** What the generated docs say about an event beyond its schema. */
export interface EventFacts {
  kind: 'event';
  scope: EventScope;
  room: string | null;
  seq: 'yes' | 'no' | 'in user and topic rooms';
  audience: string;
}

export interface AsyncApiExample {
  name: string;
  summary: string;
  payload: unknown;
}
export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: 'application/json';
  payload: JsonSchema;
  examples: AsyncApiExample[];
}
export interface AsyncApiOperation {
  action: 'send' | 'receive';
  title: string;
  summary: string;
  description: string;
  channel: { $ref: string };
  messages: Array<{ $ref: string }>;
  reply?: { channel: { $ref: string }; messages: Array<{ $ref: string }> };
  'x-bidwire': CommandFacts | EventFacts;
}
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  id: string;
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  servers: Record<string, unknown>;
  channels: Record<string, { address: string; title: string; description: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    messages: Record<string, AsyncApiMessage>;
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
  };
}

/** The ack of a command: its data, or an error with one of the codes it declares. */
export function ackSchema(def: CommandDef) {
  const codes = def.errors;
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: def.response }),
    z.object({ ok: z.literal(false), error: ErrorPayload.extend({ code: z.enum(codes) }) }),
  ]);
}

/** The ack's message keys: `placeBid.ack` beside the request `placeBid`. */
export const ackKey = (command: string) => `${command}.ack`;

function commandParts(name: string, def: CommandDef) {
  // The error example shows the command's own first error (the common ones come first in `errors`).
  const ownError = def.errors.find((code) => !(COMMON_ERRORS as readonly string[]).includes(code)) ?? def.errors[0]!;
  // `details` is free JSON the sampler can only fill with null: the example leaves it out, as most refusals do.
  const { details: _details, ...sampledError } = exampleOf(ErrorPayload, 'response') as { details?: unknown };
  const errorExample = { ...sampledError, code: ownError };
  const facts: CommandFacts = {
    kind: 'command',
    errors: [...def.errors],
    joins: def.joins ? roomLabel(def.joins) : null,
    leaves: def.leaves ? roomLabel(def.leaves) : null,
    idempotent: def.idempotent === true,
    requestId: 'requestId' in def.request.shape,
  };
  const request: AsyncApiMessage = {
    name,
    title: `${name} (command)`,
    summary: def.description,
    contentType: 'application/json',
    payload: schemaOf(def.request, 'request'),
    examples: [{ name: 'request', summary: `A ${name} payload.`, payload: exampleOf(def.request, 'request', def.example?.request) }],
  };
  const ack: AsyncApiMessage = {
    name: ackKey(name),
    title: `${name} ack`,
    summary: `The ack of ${name}: { ok: true, data } or { ok: false, error } with one of its error codes.`,
    contentType: 'application/json',
    payload: schemaOf(ackSchema(def), 'response'),
    examples: [
      { name: 'ok', summary: 'Success.', payload: { ok: true, data: exampleOf(def.response, 'response', def.example?.response) } },
      { name: 'error', summary: `Refused with ${ownError}.`, payload: { ok: false, error: errorExample } },
    ],
  };
  const lines = [
    def.description,
    `**Ack**: \`{ ok: true, data }\`, or \`{ ok: false, error: { code, message, details? } }\` with code ${facts.errors.map((c) => `\`${c}\``).join(', ')}.`,
    ...(facts.joins ? [`**Joins** the room \`${facts.joins}\` on success (the SDK rejoins it after a reconnection).`] : []),
    ...(facts.leaves ? [`**Leaves** the room \`${facts.leaves}\`.`] : []),
    ...(facts.idempotent ? ['**Idempotent**: sending it twice changes nothing more than sending it once.'] : []),
    ...(facts.requestId ? ['**requestId** (optional, unique per user): a retry with the same one returns the first result and creates nothing new.'] : []),
  ];
  const operation: AsyncApiOperation = {
    action: 'send',
    title: name,
    summary: def.description,
    description: lines.join('\n\n'),
    channel: ref(`#/channels/${CHANNEL}`),
    messages: [ref(`#/channels/${CHANNEL}/messages/${name}`)],
    reply: { channel: ref(`#/channels/${CHANNEL}`), messages: [ref(`#/channels/${CHANNEL}/messages/${ackKey(name)}`)] },
    'x-bidwire': facts,
  };
  return { request, ack, operation };
}

function eventParts(name: string, def: EventDef) {
  const delivery = eventDelivery(name, def);
  const facts: EventFacts = { kind: 'event', scope: def.scope, ...delivery };
  const message: AsyncApiMessage = {
    name,
    title: `${name} (event)`,
    summary: def.description,
    contentType: 'application/json',
    payload: schemaOf(def.payload, 'response'),
    examples: [{ name: 'event', summary: `A ${name} payload.`, payload: exampleOf(def.payload, 'response', def.example) }],
  };
  const seqLine = {
    yes: '**seq**: yes — `seq` grows by 1 per durable event in the room, `at` says when; missed ones come back with `resync` (with `replayed: true`).',
    no: '**seq**: no — live only, never replayed.',
    'in user and topic rooms': '**seq**: in user and topic rooms (durable there, replayable with `resync`); none when sent to a role or to everyone.',
  }[delivery.seq];
  const operation: AsyncApiOperation = {
    action: 'receive',
    title: name,
    summary: def.description,
    description: [def.description, `**Who receives it**: ${delivery.audience}`, ...(delivery.room ? [`**Room**: \`${delivery.room}\``] : []), seqLine].join('\n\n'),
    channel: ref(`#/channels/${CHANNEL}`),
    messages: [ref(`#/channels/${CHANNEL}/messages/${name}`)],
    'x-bidwire': facts,
  };
  return { message, operation };
}

export function buildAsyncApi(): AsyncApiDocument {
  const messages: Record<string, AsyncApiMessage> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const add = (key: string, message: AsyncApiMessage) => {
    if (messages[key]) throw new Error(`Two messages named ${key}: a command and an event share a name.`);
    messages[key] = message;
  };
  for (const [name, def] of Object.entries(commands) as Array<[string, CommandDef]>) {
    const { request, ack, operation } = commandParts(name, def);
    add(name, request);
    add(ackKey(name), ack);
    operations[name] = operation;
  }
  for (const [name, def] of Object.entries(events) as Array<[string, EventDef]>) {
    const { message, operation } = eventParts(name, def);
    add(name, message);
    operations[name] = operation;
  }
  return {
    asyncapi: '3.0.0',
    id: 'urn:bidwire:realtime',
    info: { title: 'Bidwire real-time API', version: CONTRACT_VERSION, description: realtimeGuide() },
    defaultContentType: 'application/json',
    servers: {
      bidwire: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io/',
        title: 'A Bidwire server',
        description:
          'Socket.IO v4 (WebSocket, with HTTP long-polling fallback) on the same port as the REST API. ' +
          'Use your deployment’s host; connect with `@bidwire/sdk` or any Socket.IO v4 client.',
        security: [ref('#/components/securitySchemes/accessToken')],
      },
    },
    channels: {
      [CHANNEL]: {
        address: '/',
        title: 'The Socket.IO connection (default namespace)',
        description:
          'Commands, their acks and every event travel on the one connection. Rooms are joined only through ' +
          'commands that check the right to be there, or by the server (your user room and role rooms at connect).',
        messages: Object.fromEntries(Object.keys(messages).map((key) => [key, ref(`#/components/messages/${key}`)])),
      },
    },
    operations,
    components: {
      messages,
      schemas: {
        HandshakeAuth: schemaOf(HandshakeAuth, 'request'),
        ConnectErrorData: schemaOf(ConnectErrorData, 'response'),
      },
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The access token goes in the Socket.IO handshake, `auth: { token, contract }` (schema HandshakeAuth), ' +
            `not in an HTTP header. A refusal is a connect_error whose data is ConnectErrorData (code ${CONNECT_ERROR_CODES.join(' or ')}).`,
        },
      },
    },
  };
}
