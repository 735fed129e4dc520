// SPEC §4 end to end: a three-person conversation over REST and real sockets — create, join, messages with
// seq, notifications to the others' user rooms, history, unread counts, a pair's single direct conversation,
// idempotent sends.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll, group } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

describe('chat, end to end', () => {
  it('three people talk: persisted, ordered, notified, paged and counted', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Amina', 'Bilal', 'Chen']);
    const [a, b, c] = members as [typeof members[0], typeof members[0], typeof members[0]];
    expect(conversation).toMatchObject({ kind: 'group', title: 'Deal room', creatorId: a.user.id, lastMessage: null, unreadCount: 0 });
    expect(conversation.participants.map((p) => p.name).sort()).toEqual(['Amina', 'Bilal', 'Chen']);

    const conversationId = conversation.id;
    const snapA = await a.client.joinConversation({ conversationId });
    expect(snapA).toMatchObject({ conversation: { id: conversationId }, recentMessages: [], seq: 0 });
    await b.client.joinConversation({ conversationId });
    // Chen does not join the room: he still gets a messageNotification in his user room.

    const { message } = await a.client.sendMessage({ conversationId, text: 'Hello both, the saffron is in.' });
    expect(message).toMatchObject({ conversationId, sender: { id: a.user.id, name: 'Amina' }, text: 'Hello both, the saffron is in.', editedAt: null, deletedAt: null });
    await waitUntil(() => b.seen.of('messageCreated').length === 1, 'messageCreated at Bilal');
    const created = b.seen.of('messageCreated')[0]!;
    expect(created).toMatchObject({ conversationId, message, seq: snapA.seq + 1 });
    expect(typeof created.at).toBe('string');

    await waitUntil(() => c.seen.of('messageNotification').length === 1, 'messageNotification at Chen');
    const notice = c.seen.of('messageNotification')[0]!;
    expect(notice).toMatchObject({ conversationId, messageId: message.id, sender: { id: a.user.id, name: 'Amina' }, preview: 'Hello both, the saffron is in.' });
    expect(notice.seq).toBe(1);
    await flushAll([a.client, b.client, c.client]);
    expect(a.seen.of('messageNotification')).toEqual([]); // not to the sender
    expect(c.seen.of('messageCreated')).toEqual([]); // not in the room
    expect(b.seen.of('messageNotification')).toHaveLength(1);

    // A long message: the preview is one line of at most 60 characters.
    const long = `${'Dates '.repeat(20)}\nand more`;
    await b.client.sendMessage({ conversationId, text: long });
    await waitUntil(() => c.seen.of('messageNotification').length === 2, 'second notice at Chen');
    const preview = c.seen.of('messageNotification')[1]!.preview;
    expect(preview.length).toBeLessThanOrEqual(60);
    expect(preview.endsWith('…')).toBe(true);

    for (let i = 1; i <= 5; i++) await c.client.sendMessage({ conversationId, text: `offer ${i}` });
    await waitUntil(() => a.seen.of('messageCreated').length === 7, 'seven messages at Amina');
    const seqs = a.seen.of('messageCreated').map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snapA.seq + 1 + i));

    // History: newest first, paged with `before`.
    const page1 = await a.user.rest.listMessages({ params: { id: conversationId }, query: { limit: 4 } });
    expect(page1.items.map((m) => m.text)).toEqual(['offer 5', 'offer 4', 'offer 3', 'offer 2']);
    expect(page1.nextCursor).toBe(page1.items[3]!.id);
    const page2 = await a.user.rest.listMessages({ params: { id: conversationId }, query: { before: page1.nextCursor!, limit: 4 } });
    expect(page2.items.map((m) => m.text)).toEqual(['offer 1', long, 'Hello both, the saffron is in.']);
    expect(page2.nextCursor).toBeNull();

    // The list: last message and unread counts per caller.
    const listOf = async (m: typeof a) => (await m.user.rest.listConversations()).items.find((x) => x.id === conversationId)!;
    expect((await listOf(a)).lastMessage?.text).toBe('offer 5');
    expect((await listOf(a)).unreadCount).toBe(6);
    expect((await listOf(b)).unreadCount).toBe(6);
    expect((await listOf(c)).unreadCount).toBe(2);

    // A late joiner's snapshot: the recent messages, newest first, and the room seq.
    const snapC = await c.client.joinConversation({ conversationId });
    expect(snapC.recentMessages.map((m) => m.text)[0]).toBe('offer 5');
    expect(snapC.recentMessages).toHaveLength(7);
    expect(snapC.seq).toBe(snapA.seq + 7);
    expect(snapC.conversation.unreadCount).toBe(2);
  });

  it('a pair has one direct conversation, whoever starts it; a title makes a group', async () => {
    await using t = await startServer();
    const [x, y] = await Promise.all([t.signIn('Xavier'), t.signIn('Yara')]);
    const first = await x.rest.createConversation({ body: { participantIds: [y.id] } });
    const again = await y.rest.createConversation({ body: { participantIds: [x.id, y.id] } });
    expect(first.kind).toBe('direct');
    expect(again.id).toBe(first.id);
    const titled = await x.rest.createConversation({ body: { participantIds: [y.id], title: 'Side deal' } });
    expect(titled).toMatchObject({ kind: 'group', title: 'Side deal' });
    expect(titled.id).not.toBe(first.id);
    await expect(x.rest.createConversation({ body: { participantIds: [x.id] } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    await expect(x.rest.createConversation({ body: { participantIds: ['no-such-user'] } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Nobody joins a direct conversation.
    await expect(x.rest.addParticipants({ params: { id: first.id }, body: { userIds: [(await t.signIn('Zed')).id] } })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('sendMessage with a requestId: a retry returns the first message and creates nothing', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Ines', 'Jon']);
    const [i, j] = members as [typeof members[0], typeof members[0]];
    await j.client.joinConversation({ conversationId: conversation.id });
    const payload = { conversationId: conversation.id, text: 'Only once', requestId: 'req-1' };
    const [r1, r2] = await Promise.all([i.client.sendMessage(payload), i.client.sendMessage(payload)]);
    const r3 = await i.client.sendMessage(payload);
    expect(r2).toEqual(r1);
    expect(r3).toEqual(r1);
    await flushAll([j.client]);
    expect(j.seen.of('messageCreated')).toHaveLength(1);
    const history = await i.user.rest.listMessages({ params: { id: conversation.id } });
    expect(history.items).toHaveLength(1);
  });
});
