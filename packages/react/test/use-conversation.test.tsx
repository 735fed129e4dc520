// useConversation and useConversations against the SDK test kit: optimistic sends, typing, read receipts,
// refused and offline sends, history pages, and the list's unread counts. The fake server keeps a small chat
// (messages, unread counts) and emits what the real one would; a real server runs the replay after a drop
// (use-conversation.server.test.tsx).
import type { Message, PublicUser } from '@bidwire/sdk';
import { conversationFixture, messageFixture, userFixture } from '@bidwire/sdk/testing';
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConversation, useConversations } from '../src/index.js';
import { fakeWorld, type FakeWorld } from './fake.js';

const alice = userFixture({ id: 'alice', name: 'Alice' });
const bob = userFixture({ id: 'bob', name: 'Bob' });
const C = 'c1';

let world: FakeWorld;
beforeEach(() => (world = fakeWorld()));
afterEach(() => world.close());

/** A two-person chat on the fake server: messages (oldest first), unread counts, the commands and REST reads. */
function chat() {
  const people: Record<string, PublicUser> = { alice, bob };
  const t = { messages: [] as Message[], unread: { alice: 0, bob: 0 } as Record<string, number>, sent: new Map<string, Message>() };
  const conversation = () => conversationFixture({ id: C, participants: [alice, bob], lastMessage: t.messages.at(-1) ?? null });
  const add = (sender: PublicUser, text: string) => {
    const message = messageFixture({ id: `m${String(t.messages.length + 1).padStart(3, '0')}`, conversationId: C, sender, text, createdAt: new Date(Date.UTC(2030, 0, 1, 12, 0, t.messages.length)).toISOString() });
    t.messages.push(message);
    for (const id of Object.keys(t.unread)) if (id !== sender.id) t.unread[id]! += 1;
    return message;
  };
  const s = world.server;
  s.handle('joinConversation', () => ({ conversation: conversation(), recentMessages: t.messages.slice(-50).reverse(), seq: s.lastSeq({ type: 'conversation', id: C }) }));
  s.handle('leaveConversation', {});
  s.handle('sendMessage', ({ text, requestId }, { auth }) => {
    const known = requestId ? t.sent.get(requestId) : undefined;
    if (known) return { message: known };
    const sender = people[world.userOf(auth)]!;
    const message = add(sender, text);
    if (requestId) t.sent.set(requestId, message);
    s.emit('messageCreated', { conversationId: C, message });
    const other = s.connections.filter((c) => c.auth.token !== auth.token);
    s.emit('messageNotification', { conversationId: C, messageId: message.id, sender, preview: text.slice(0, 60) }, { to: other });
    return { message };
  });
  s.handle('setTyping', ({ isTyping }, { auth, connection }) => {
    s.emit('typingChanged', { conversationId: C, user: people[world.userOf(auth)]!, isTyping }, { to: s.connections.filter((c) => c !== connection) });
    return {};
  });
  s.handle('markRead', ({ upToMessageId }, { auth }) => {
    const userId = world.userOf(auth);
    t.unread[userId] = 0;
    s.emit('messagesRead', { conversationId: C, userId, upToMessageId, readAt: new Date().toISOString() });
    return { unreadCount: 0 };
  });
  world.api.handle('listMessages', ({ query }) => {
    const before = query.before ? t.messages.findIndex((m) => m.id === query.before) : t.messages.length;
    const older = t.messages.slice(Math.max(0, before - query.limit), before);
    return { items: [...older].reverse(), nextCursor: before - query.limit > 0 ? older[0]!.id : null };
  });
  world.api.handle('listConversations', ({ token }) => ({ items: [{ ...conversation(), unreadCount: t.unread[token!.replace('token-', '')] ?? 0 }], nextCursor: null }));
  return { ...t, t, add };
}

describe('useConversation (test kit)', () => {
  it('sends optimistically, shows typing and read receipts on the other side', async () => {
    chat();
    const a = world.render(alice, () => useConversation(C));
    const b = world.render(bob, () => useConversation(C));
    await waitFor(() => expect(a.result.current.status).toBe('joined'));
    await waitFor(() => expect(b.result.current.status).toBe('joined'));
    expect(a.result.current.conversation?.participants.map((p) => p.name).sort()).toEqual(['Alice', 'Bob']);

    act(() => a.result.current.notifyTyping());
    await waitFor(() => expect(b.result.current.typing.map((u) => u.name)).toEqual(['Alice']));

    let sending!: Promise<unknown>;
    act(() => {
      sending = a.result.current.send('Hello Bob');
    });
    // Shown at once, before the server answers.
    expect(a.result.current.pending).toMatchObject([{ text: 'Hello Bob', status: 'sending' }]);
    await act(() => sending);
    expect(a.result.current.pending).toEqual([]);
    expect(a.result.current.messages.map((m) => m.text)).toEqual(['Hello Bob']);
    await waitFor(() => expect(b.result.current.messages.map((m) => m.text)).toEqual(['Hello Bob']));
    // Sending ends the typing indicator.
    await waitFor(() => expect(b.result.current.typing).toEqual([]));
    expect(world.server.commandsOf('setTyping').map((p) => p.isTyping)).toEqual([true, false]);

    const message = a.result.current.messages[0]!;
    expect(a.result.current.readBy(message.id)).toEqual([]);
    await act(() => b.result.current.markRead());
    await waitFor(() => expect(a.result.current.readBy(message.id).map((u) => u.name)).toEqual(['Bob']));
    expect(world.server.commandsOf('markRead')).toEqual([{ conversationId: C, upToMessageId: message.id }]);
  });

  it('a send the server refuses stays as failed with its message; it can be discarded', async () => {
    chat();
    const a = world.render(alice, () => useConversation(C));
    await waitFor(() => expect(a.result.current.status).toBe('joined'));
    // Too long for the contract: the fake answers VALIDATION_FAILED with the field's issue, as the server does.
    await act(() => a.result.current.send('x'.repeat(4001)));
    expect(a.result.current.pending).toMatchObject([{ status: 'failed', error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'text' }] } } }]);
    act(() => a.result.current.discard(a.result.current.pending[0]!.requestId));
    expect(a.result.current.pending).toEqual([]);
    expect(a.result.current.messages).toEqual([]);
    expect(world.server.commandsOf('sendMessage')).toEqual([]);
  });

  it('a send that failed offline is retried once back online, with the same requestId; retrying a settled one sends nothing', async () => {
    const t = chat();
    const client = world.client(alice, { offlineTimeoutMs: 100 });
    const a = world.render(alice, () => useConversation(C), { client });
    await waitFor(() => expect(a.result.current.status).toBe('joined'));
    client.disconnect();
    await act(() => a.result.current.send('from the tunnel'));
    expect(a.result.current.pending).toMatchObject([{ status: 'failed', error: { code: 'DISCONNECTED' } }]);
    client.connect();
    const { requestId } = a.result.current.pending[0]!;
    await act(() => a.result.current.retry(requestId));
    await act(() => a.result.current.retry(requestId)); // already gone: nothing sent
    expect(a.result.current.pending).toEqual([]);
    expect(a.result.current.messages.map((m) => m.text)).toEqual(['from the tunnel']);
    expect(world.server.commandsOf('sendMessage')).toEqual([{ conversationId: C, text: 'from the tunnel', requestId }]);
    expect(t.messages.map((m) => m.text)).toEqual(['from the tunnel']);
  });

  it('pages back through history', async () => {
    const t = chat();
    for (let i = 1; i <= 60; i++) t.add(bob, `m${i}`);
    const a = world.render(alice, () => useConversation(C));
    await waitFor(() => expect(a.result.current.status).toBe('joined'));
    expect(a.result.current.messages).toHaveLength(50);
    expect(a.result.current.messages[0]!.text).toBe('m11');
    expect(a.result.current.hasOlder).toBe(true);
    await act(() => a.result.current.loadOlder());
    expect(a.result.current.messages.map((m) => m.text)).toEqual(Array.from({ length: 60 }, (_, i) => `m${i + 1}`));
    expect(a.result.current.hasOlder).toBe(false);
    expect(world.api.requestsOf('listMessages')[0]?.url).toContain('before=m011');
  });
});

describe('useConversations (test kit)', () => {
  it('lists my conversations with unread counts that follow new messages and my reading', async () => {
    chat();
    const aliceClient = world.client(alice);
    const list = world.render(alice, () => useConversations(), { client: aliceClient });
    await waitFor(() => expect(list.result.current.status).toBe('ready'));
    expect(list.result.current.conversations.map((c) => [c.id, c.unreadCount])).toEqual([[C, 0]]);

    const bobClient = world.client(bob);
    await bobClient.sendMessage({ conversationId: C, text: 'ping' });
    await bobClient.sendMessage({ conversationId: C, text: 'ping again' });
    await waitFor(() => expect(list.result.current.unreadTotal).toBe(2));
    expect(list.result.current.conversations[0]).toMatchObject({ lastMessage: { text: 'ping again' }, unreadCount: 2 });

    const open = world.render(alice, () => useConversation(C), { client: aliceClient });
    await waitFor(() => expect(open.result.current.messages).toHaveLength(2));
    await act(() => open.result.current.markRead());
    await waitFor(() => expect(list.result.current.unreadTotal).toBe(0));
  });
});
