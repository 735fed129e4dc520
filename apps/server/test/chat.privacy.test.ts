// SPEC §1 privacy for chat, presence and notifications: no phone, code or token in any event, ack or REST
// answer, and every user in them (sender, participants, addedBy, removedBy, typing user) is public-shaped.
import { expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll } from './messaging-fixtures.js';
import { signInWithSecrets, waitUntil } from './fixtures.js';
import { privacyProblems, type Seen } from './privacy-checks.js';

it('chat, presence and notification payloads carry public user fields only', async () => {
  await using t = await startServer({ PRESENCE_GRACE_MS: '50', TYPING_TIMEOUT_MS: '100' });
  const seen: Seen[] = [];
  const onRest = (url: string, body: string) => {
    if (!new URL(url).pathname.startsWith('/auth/') && body !== '') seen.push({ where: `REST ${url}`, payload: JSON.parse(body) });
  };
  const users = await Promise.all(['Rania', 'Sami', 'Tala'].map((n) => signInWithSecrets(t, n, onRest)));
  const [rania, sami, tala] = users as [typeof users[0], typeof users[0], typeof users[0]];
  const clients = await Promise.all(
    users.map(async (u) => {
      const client = await u.connect();
      client.socket.onAny((event: string, ...args: unknown[]) => seen.push({ where: `${u.name} <- ${event}`, payload: args }));
      return client;
    }),
  );
  const [rc, sc, tc] = clients as [typeof clients[0], typeof clients[0], typeof clients[0]];
  const ack = async <T>(who: string, p: Promise<T>) => {
    const data = await p;
    seen.push({ where: `${who} ack`, payload: data });
    return data;
  };

  const conv = await rania.rest.createConversation({ body: { participantIds: [sami.id], title: 'Privacy' } });
  for (const [u, c] of [[rania, rc], [sami, sc]] as const) await ack(u.name, c.joinConversation({ conversationId: conv.id }));
  await ack('Sami', sc.setTyping({ conversationId: conv.id, isTyping: true }));
  const { message } = await ack('Rania', rc.sendMessage({ conversationId: conv.id, text: 'Call me at my number' }));
  await ack('Rania', rc.editMessage({ messageId: message.id, text: 'Message me here' }));
  await ack('Sami', sc.markRead({ conversationId: conv.id, upToMessageId: message.id }));
  await rania.rest.addParticipants({ params: { id: conv.id }, body: { userIds: [tala.id] } });
  await ack('Tala', tc.joinConversation({ conversationId: conv.id }));
  await ack('Tala', tc.getPresence({ userIds: [rania.id, sami.id] }));
  tc.close();
  await waitUntil(() => seen.some((s) => s.where === 'Rania <- presenceChanged' && JSON.stringify(s.payload).includes('offline')), 'Tala offline at Rania');
  await rania.rest.removeParticipant({ params: { id: conv.id, userId: tala.id } });
  await ack('Rania', rc.deleteMessage({ messageId: message.id }));
  await t.server.publish({
    event: 'referralSignup', payload: { referralId: 'r1', referrerId: rania.id, referredUser: { id: sami.id, name: 'Sami' } },
    to: { users: [rania.id] }, notify: { title: 'Sami joined', body: 'Thanks for the referral' },
  });
  await ack('Rania', rc.markNotificationsRead({ all: true }));
  await rania.rest.listConversations();
  await sami.rest.listMessages({ params: { id: conv.id } });
  await rania.rest.listNotifications();
  await flushAll([rc, sc]);

  const kinds = new Set(seen.map((s) => s.where.split(' <- ')[1]).filter(Boolean));
  for (const e of ['messageCreated', 'messageEdited', 'messageDeleted', 'messagesRead', 'typingChanged', 'participantsAdded', 'participantRemoved',
    'messageNotification', 'presenceChanged', 'notificationCreated', 'unreadCountChanged', 'referralSignup']) {
    expect(kinds, `the recorder saw ${e}`).toContain(e);
  }
  const { leaks, users: userValues } = privacyProblems(seen, users);
  expect(leaks).toEqual([]);
  expect(userValues).toBeGreaterThan(15);
});
