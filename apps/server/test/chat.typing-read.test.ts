// SPEC §4 typing and read receipts: typingChanged to the others only, falling back to false after the
// timeout (TYPING_TIMEOUT_MS, short here); markRead, messagesRead and unread counts across two tabs.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll, group, recorder } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

// Long enough that the refresh, sent TYPING_MS / 2 after the first, reaches the server inside the first timeout even
// when the machine stalls for a few hundred milliseconds (at 400 ms a fresh-clone CI run, two test files at a time
// in multi-node mode, once saw the refresh arrive after the first timer had fired).
const TYPING_MS = 1_000;

describe('typing', () => {
  it('goes to the others only, refreshes silently, and expires to false', async () => {
    await using t = await startServer({ TYPING_TIMEOUT_MS: String(TYPING_MS) });
    const { conversation, members } = await group(t, ['Ivy', 'Joe']);
    const [ivy, joe] = members as [typeof members[0], typeof members[0]];
    const conversationId = conversation.id;
    const ivyTab2 = await ivy.user.connect();
    const ivyTab2Seen = recorder(ivyTab2);
    for (const c of [ivy.client, ivyTab2, joe.client]) await c.joinConversation({ conversationId });

    // The first timer is armed after this, so it cannot fire before startedAt + TYPING_MS.
    const startedAt = Date.now();
    await ivy.client.setTyping({ conversationId, isTyping: true });
    await waitUntil(() => joe.seen.of('typingChanged').length === 1, 'typing true at Joe');
    expect(joe.seen.of('typingChanged')[0]).toEqual({ conversationId, user: { id: ivy.user.id, name: 'Ivy' }, isTyping: true });
    // A refresh inside the timeout sends nothing new; the expiry then sends false once.
    await new Promise((r) => setTimeout(r, TYPING_MS / 2));
    // Measured from before the refresh is sent: without it the first timer would fire ~TYPING_MS/2 from here.
    const refreshedAt = Date.now();
    await ivy.client.setTyping({ conversationId, isTyping: true });
    // The test's own precondition, told apart from the behaviour checked below: the refresh was answered (so
    // applied) before the first timer could fire.
    expect(Date.now() - startedAt, 'the refresh reached the server inside the first timeout').toBeLessThan(TYPING_MS);
    await waitUntil(() => joe.seen.of('typingChanged').length === 2, 'typing false at Joe', 3_000);
    expect(Date.now() - refreshedAt).toBeGreaterThanOrEqual(TYPING_MS - 5);
    expect(joe.seen.of('typingChanged')[1]).toMatchObject({ isTyping: false, user: { id: ivy.user.id } });
    expect(joe.seen.of('typingChanged')).toHaveLength(2);
    await flushAll([ivy.client, ivyTab2]);
    expect(ivy.seen.of('typingChanged')).toEqual([]);
    expect(ivyTab2Seen.of('typingChanged')).toEqual([]);
    expect(joe.seen.of('typingChanged')[0]!).not.toHaveProperty('seq');

    // Explicit false, and a message, both end typing at once.
    await joe.client.setTyping({ conversationId, isTyping: true });
    await joe.client.setTyping({ conversationId, isTyping: false });
    await waitUntil(() => ivy.seen.of('typingChanged').length === 2, 'true then false at Ivy');
    expect(ivy.seen.of('typingChanged').map((e) => e.isTyping)).toEqual([true, false]);
    await joe.client.setTyping({ conversationId, isTyping: true });
    await joe.client.sendMessage({ conversationId, text: 'done typing' });
    await waitUntil(() => ivy.seen.of('typingChanged').length === 4, 'typing ended by the message');
    expect(ivy.seen.of('typingChanged').map((e) => e.isTyping)).toEqual([true, false, true, false]);
  });
});

describe('read receipts and unread counts', () => {
  it('markRead moves the marker forward, broadcasts messagesRead, and both tabs of the reader agree', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Kim', 'Lou']);
    const [kim, lou] = members as [typeof members[0], typeof members[0]];
    const conversationId = conversation.id;
    const louTab2 = await lou.user.connect();
    const louTab2Seen = recorder(louTab2);
    for (const c of [kim.client, lou.client, louTab2]) await c.joinConversation({ conversationId });

    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push((await kim.client.sendMessage({ conversationId, text })).message);
    const unreadOfLou = async () => (await lou.user.rest.listConversations()).items[0]!.unreadCount;
    expect(await unreadOfLou()).toBe(3);
    expect((await kim.user.rest.listConversations()).items[0]!.unreadCount).toBe(0);

    expect(await lou.client.markRead({ conversationId, upToMessageId: sent[1]!.id })).toEqual({ unreadCount: 1 });
    await waitUntil(() => louTab2Seen.of('messagesRead').length === 1 && kim.seen.of('messagesRead').length === 1, 'messagesRead at Kim and Lou tab 2');
    const receipt = kim.seen.of('messagesRead')[0]!;
    expect(receipt).toMatchObject({ conversationId, userId: lou.user.id, upToMessageId: sent[1]!.id, readAt: expect.any(String), seq: 4 });
    expect(louTab2Seen.of('messagesRead')[0]).toEqual(receipt);
    expect(await unreadOfLou()).toBe(1);

    // Going back changes nothing and announces nothing.
    expect(await louTab2.markRead({ conversationId, upToMessageId: sent[0]!.id })).toEqual({ unreadCount: 1 });
    expect(await louTab2.markRead({ conversationId, upToMessageId: sent[2]!.id })).toEqual({ unreadCount: 0 });
    await waitUntil(() => lou.seen.of('messagesRead').length === 2, 'second messagesRead at Lou tab 1');
    await flushAll([kim.client, lou.client, louTab2]);
    expect(kim.seen.of('messagesRead').map((e) => e.seq)).toEqual([4, 5]);
    expect(await unreadOfLou()).toBe(0);
    // A deleted message no longer counts; the reader's own messages never do.
    await kim.client.sendMessage({ conversationId, text: 'four' });
    const { message: five } = await kim.client.sendMessage({ conversationId, text: 'five' });
    await lou.client.sendMessage({ conversationId, text: 'mine' });
    expect(await unreadOfLou()).toBe(2);
    await kim.client.deleteMessage({ messageId: five.id });
    expect(await unreadOfLou()).toBe(1);
    await expect(lou.client.markRead({ conversationId, upToMessageId: 'unknown' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
