// SPEC §9: a connection restored by Socket.IO's connection state recovery gets back only the rooms its user
// may still be in (rights re-checked as on join), and only when the token's user is the session's user.
// Plain socket.io-clients (recovery is theirs: the SDK rejoins and resyncs anyway).
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { emitAck, nextEvent, waitUntil } from './raw-socket.js';

/** The recovery session a socket.io-client holds (`_pid`, `_lastOffset` are its own private fields). */
const sessionOf = (socket: Socket) => ({ pid: Reflect.get(socket, '_pid') as unknown, offset: Reflect.get(socket, '_lastOffset') as unknown });

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { forceNew: true, transports: ['websocket'], reconnectionDelay: 50, auth });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Every event the socket receives, by name. */
function record(socket: Socket) {
  const seen: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => void seen.push({ event, payload }));
  return seen;
}

/**
 * Resolves once everything the server wrote to `socket` so far has arrived: an ack comes after every packet
 * written before it on the same connection (call it after the broadcast under test was sent).
 */
async function settled(socket: Socket) {
  expect((await emitAck(socket, 'timeSync', {})).ok).toBe(true);
}

const texts = (seen: { event: string; payload: unknown }[]) =>
  seen.filter((e) => e.event === 'messageCreated').map((e) => (e.payload as { message: { text: string } }).message.text);

async function groupOf(t: TestServer, creator: TestUser, others: TestUser[]) {
  return creator.rest.createConversation({ body: { participantIds: others.map((u) => u.id), title: 'Group' } });
}

/** Drops the transport as a network loss would (until the server has let the socket go), without reconnecting yet. */
async function drop(socket: Socket, t: TestServer) {
  const id = socket.id;
  socket.io.reconnection(false);
  socket.io.engine.close();
  await waitUntil(() => !socket.connected && !t.server.io.of('/').sockets.has(id ?? ''), 5_000, 'the drop');
}

/**
 * Alice (SDK) and Bob (a raw socket, recorded) in a group conversation, Bob having received Alice's `first`
 * message.
 */
async function bobOnRawSocket(t: TestServer, first: string) {
  const [alice, bob] = await Promise.all([t.signIn('Alice'), t.signIn('Bob')]);
  const conversation = await groupOf(t, alice!, [bob!]);
  const aliceClient = await alice!.connect();
  await aliceClient.joinConversation({ conversationId: conversation.id });
  const bobSocket = await connect(t.url, { token: bob!.token });
  const seen = record(bobSocket);
  expect((await emitAck(bobSocket, 'joinConversation', { conversationId: conversation.id })).ok).toBe(true);
  await aliceClient.sendMessage({ conversationId: conversation.id, text: first });
  await waitUntil(() => texts(seen).includes(first), 5_000, 'the first message');
  return { alice: alice!, bob: bob!, conversation, aliceClient, bobSocket, seen };
}

describe('connection state recovery re-checks rights', () => {
  it('a participant removed while away is not put back in the conversation', async () => {
    await using t = await startServer();
    const { alice, bob, conversation, aliceClient, bobSocket, seen } = await bobOnRawSocket(t, 'before');

    await drop(bobSocket, t);
    await alice.rest.removeParticipant({ params: { id: conversation.id, userId: bob.id } });
    await aliceClient.sendMessage({ conversationId: conversation.id, text: 'while away' });

    bobSocket.io.reconnection(true);
    bobSocket.connect();
    await nextEvent(bobSocket, 'connect');
    expect(bobSocket.recovered).toBe(true); // the session was restored...
    await aliceClient.sendMessage({ conversationId: conversation.id, text: 'after' });
    await settled(bobSocket);
    // ...without the conversation: neither what was said while away nor after reached Bob.
    expect(texts(seen)).toEqual(['before']);
    expect(seen.map((e) => e.event)).not.toContain('participantRemoved');
    bobSocket.close();
  });

  it("another user presenting a session id gets none of that session's rooms or missed events", async () => {
    await using t = await startServer();
    const [alice, bob, mallory] = await Promise.all([t.signIn('Alice'), t.signIn('Bob'), t.signIn('Mallory')]);
    const conversation = await groupOf(t, alice!, [bob!]);
    const bobClient = await bob!.connect();
    await bobClient.joinConversation({ conversationId: conversation.id });

    const aliceSocket = await connect(t.url, { token: alice!.token });
    expect((await emitAck(aliceSocket, 'joinConversation', { conversationId: conversation.id })).ok).toBe(true);
    await bobClient.sendMessage({ conversationId: conversation.id, text: 'hello' });
    await waitUntil(() => !!sessionOf(aliceSocket).offset, 5_000, 'an offset');
    const session = sessionOf(aliceSocket);
    await drop(aliceSocket, t);
    await bobClient.sendMessage({ conversationId: conversation.id, text: 'missed by alice' });
    await t.server.publish({ event: 'levelUp', payload: { userId: alice!.id, level: 2, previousLevel: 1 }, to: { users: [alice!.id] } });

    const malloryHeard: { event: string; payload: unknown }[] = [];
    const mallorySocket = io(t.url, { forceNew: true, transports: ['websocket'], reconnection: false, auth: { token: mallory!.token, ...session } });
    mallorySocket.onAny((event: string, payload: unknown) => void malloryHeard.push({ event, payload }));
    await nextEvent(mallorySocket, 'connect');
    await bobClient.sendMessage({ conversationId: conversation.id, text: 'after' });
    await settled(mallorySocket);
    expect(malloryHeard).toEqual([]);
    // Mallory is herself, with her own rooms only: a command in alice's conversation is refused.
    expect(await emitAck(mallorySocket, 'sendMessage', { conversationId: conversation.id, text: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    mallorySocket.close();
    aliceSocket.close();
  });

  it('the same user still gets the rooms they may be in, and the events they missed', async () => {
    await using t = await startServer();
    const { conversation, aliceClient, bobSocket, seen } = await bobOnRawSocket(t, 'one');
    await drop(bobSocket, t);
    await aliceClient.sendMessage({ conversationId: conversation.id, text: 'two' });

    bobSocket.io.reconnection(true);
    bobSocket.connect();
    await nextEvent(bobSocket, 'connect');
    expect(bobSocket.recovered).toBe(true);
    await aliceClient.sendMessage({ conversationId: conversation.id, text: 'three' });
    await waitUntil(() => texts(seen).length === 3, 5_000, 'three messages');
    expect(texts(seen)).toEqual(['one', 'two', 'three']);
    bobSocket.close();
  });
});
