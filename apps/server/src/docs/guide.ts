// The prose of the generated docs (Markdown): how to connect, call commands and follow events (SPEC §1, §7),
// and how the REST API answers. Lists of names and codes come from the contract, never typed here.
import { CONNECT_ERROR_CODES, CONTRACT_VERSION, ERROR_CODES, HTTP_STATUS_BY_CODE } from '@bidwire/contract';

export const EVENT_REFERENCE_PATH = '/docs/events';
export const EVENT_REFERENCE_SCRIPT_PATH = '/docs/events.js';
export const ASYNCAPI_PATH = '/asyncapi.json';
export const OPENAPI_UI_PATH = '/docs';

const major = CONTRACT_VERSION.split('.')[0];

export function realtimeGuide(): string {
  return `Bidwire's real-time API, contract version ${CONTRACT_VERSION}. Operations are written from a client's point of view: a client **sends** commands (each answered by an ack) and **receives** events. Browse it in the [event reference](${EVENT_REFERENCE_PATH}); the REST API is described at [${OPENAPI_UI_PATH}](${OPENAPI_UI_PATH}).

### Connecting
Socket.IO v4, default namespace \`/\`, on the same port as the REST API. The handshake sends \`auth: { token, contract }\`: \`token\` is an access token from \`POST /auth/otp/verify\` (or your identity provider), \`contract\` the contract version the client was built against (\`@bidwire/sdk\` sends it; omitting it is accepted). A refused handshake is a \`connect_error\` whose \`data.code\` is one of ${CONNECT_ERROR_CODES.map((c) => `\`${c}\``).join(', ')}:
- \`No token provided\` / \`Invalid or expired token\` — \`UNAUTHENTICATED\`;
- \`Incompatible client: contract <client>, server <server>\` — \`INCOMPATIBLE_CONTRACT\`, with \`data.server\` (the server's contract version): a client of another major version than ${major} must be updated.

### Commands
\`socket.emit(name, payload, ack)\`. The ack receives \`{ ok: true, data }\` or \`{ ok: false, error: { code, message, details? } }\`; each command lists the codes it can answer. Every payload is validated first: invalid input gets \`VALIDATION_FAILED\` with the field issues in \`details\`, and changes nothing. A command sent without an ack that fails is answered with an \`error\` event to that socket alone. Error codes: ${ERROR_CODES.map((c) => `\`${c}\``).join(', ')}.

### Events, rooms and seq
Rooms are joined through commands that check the right to be there (\`joinAuction\`, \`joinConversation\`, \`subscribe\`) or by the server (your user room and role rooms, at connect). Every durable event of a room carries \`seq\`, which grows by exactly 1 per event in that room, and \`at\`. A client that sees \`seq\` jump missed something: \`resync { room, afterSeq }\` returns the missed events (with \`replayed: true\`) or the room's snapshot. Ephemeral events (viewer counts, typing, presence) and global ones carry no \`seq\` and are never replayed.`;
}

export function restGuide(): string {
  const statuses = [...new Set(Object.values(HTTP_STATUS_BY_CODE))].sort((a, b) => a - b);
  const rows = statuses
    .map((status) => `| ${status} | ${ERROR_CODES.filter((c) => HTTP_STATUS_BY_CODE[c] === status).map((c) => `\`${c}\``).join(', ')} |`)
    .join('\n');
  return `Bidwire's REST API, contract version ${CONTRACT_VERSION}. The real-time API (Socket.IO commands and events) is in the [event reference](${EVENT_REFERENCE_PATH}) and as AsyncAPI at [${ASYNCAPI_PATH}](${ASYNCAPI_PATH}).

**Authentication**: every route needs \`Authorization: Bearer <access token>\` (scheme *accessToken*) except \`/auth/*\` and \`/healthz\`; the service API under \`/internal/v1\` takes a service key instead (scheme *serviceKey*, a key from \`SERVICE_API_KEYS\`).

**Bodies** are JSON. A resource is returned as the object itself (\`201\` on create); a list as \`{ items, nextCursor }\` (pass \`nextCursor\` back as \`cursor\` for the next page).

**Errors** are \`{ error: { code, message, details? } }\` with the status of their code (\`VALIDATION_FAILED\` carries the field issues in \`details\`):

| status | code |
|---|---|
${rows}`;
}
