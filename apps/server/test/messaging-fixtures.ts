// Helpers for the chat, presence, notification, publish and topic tests: event recorders, a signed-in
// group in one conversation, tokens with topic grants, and raw calls to the service API.
import type { BidwireClient, EventName, EventPayload } from '@bidwire/sdk';
import { SignJWT } from 'jose';
import type { TestServer, TestUser } from './harness.js';
import { http, type HttpResult } from './raw-socket.js';

export const JWT_SECRET = 'test-secret-for-topic-grants-0123456789abcdef';
export const SERVICE_KEY = 'svc-key-for-tests-0123456789';

/** Every event a client receives, in arrival order, with helpers to pick one kind. */
export function recorder(client: BidwireClient) {
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  client.socket.onAny((event: string, payload: Record<string, unknown>) => events.push({ event, payload }));
  return {
    events,
    of: <K extends EventName>(name: K) => events.filter((e) => e.event === name).map((e) => e.payload as EventPayload<K>),
    names: () => events.map((e) => e.event),
    clear: () => void events.splice(0),
  };
}
export type Recorder = ReturnType<typeof recorder>;

export interface Member {
  user: TestUser;
  client: BidwireClient;
  seen: Recorder;
}

/** Signs `names` in, connects each (recording), and has the first create a group of all of them. */
export async function group(t: TestServer, names: string[], title = 'Deal room') {
  const users = await Promise.all(names.map((n) => t.signIn(n)));
  const members: Member[] = [];
  for (const user of users) {
    const client = await user.connect();
    members.push({ user, client, seen: recorder(client) });
  }
  const conversation = await users[0]!.rest.createConversation({ body: { participantIds: users.slice(1).map((u) => u.id), title } });
  return { conversation, members };
}

/** Waits until the server has written to each client everything it sent before now (acks are ordered). */
export async function flushAll(clients: BidwireClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.timeSync()));
}

/** An access token like the server's own (JWT_SECRET must be set on the server), with extra claims. */
export function tokenWith(user: { id: string; name: string }, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ name: user.name, roles: ['buyer', 'seller'], ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer('bidwire')
    .setAudience('bidwire')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

/** A raw service-API call: status and body. */
export function service(t: TestServer, method: string, path: string, body?: unknown, key: string | null = SERVICE_KEY): Promise<HttpResult> {
  return http(t.url, method, path, { ...(body === undefined ? {} : { body }), ...(key === null ? {} : { token: key }) });
}

export const offer = (over: Record<string, unknown> = {}) => ({
  offerId: 'offer-1', purchaseRequestId: 'req-42', sellerId: 'seller-9', amount: 12_500, currency: 'USD', ...over,
});
