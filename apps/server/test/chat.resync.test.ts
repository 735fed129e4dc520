// resync of a conversation room whose gap is older than the log keeps: the joinConversation snapshot
// (conversation, recent messages, seq) rather than a bare seq, so a client can redraw the chat from it.
import { expect, it } from 'vitest';
import { startServer } from './harness.js';

it('answers a conversation snapshot once the missed events are pruned; strangers are refused', async () => {
  await using t = await startServer({ ROOM_LOG_MIN_EVENTS: '2', ROOM_LOG_MIN_AGE_SECONDS: '0', RATE_LIMITS: 'sendMessage=100' });
  const [alice, bob, eve] = await Promise.all([t.signIn('Alice'), t.signIn('Bob'), t.signIn('Eve')]);
  const conversation = await alice.rest.createConversation({ body: { participantIds: [bob.id] } });
  const [aliceC, bobC, eveC] = await Promise.all([alice.connect(), bob.connect(), eve.connect()]);
  await aliceC.joinConversation({ conversationId: conversation.id });
  const texts = Array.from({ length: 8 }, (_, i) => `message ${i + 1}`);
  for (const text of texts) await aliceC.sendMessage({ conversationId: conversation.id, text });
  expect(await t.server.maintenance.pruneRoomLog()).toBeGreaterThan(0);

  const answer = await bobC.resync({ room: { type: 'conversation', id: conversation.id }, afterSeq: 0 });
  if (!('snapshot' in answer)) throw new Error('expected a snapshot, got events');
  const snapshot = answer.snapshot as { conversation: { id: string }; recentMessages: { text: string }[]; seq: number; serverTime: number };
  expect(snapshot.conversation.id).toBe(conversation.id);
  expect(snapshot.recentMessages.map((m) => m.text)).toEqual([...texts].reverse());
  expect(snapshot.seq).toBe(8);
  expect(Math.abs(snapshot.serverTime - Date.now())).toBeLessThan(5_000);

  await expect(eveC.resync({ room: { type: 'conversation', id: conversation.id }, afterSeq: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
