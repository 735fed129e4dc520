// The conversation reducer: my message's broadcast before its ack, read receipts, typing.
import type { Message } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { conversationReducer, initialConversationState, readersOf } from './conversation-state.js';

const person = (id: string) => ({ id, name: id });
const message = (id: string, from: string, text: string, second: number): Message => ({
  id, conversationId: 'c1', sender: person(from), text, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(), editedAt: null, deletedAt: null,
});
const conversation = { id: 'c1', kind: 'direct' as const, title: null, creatorId: 'me', participants: [person('me'), person('bob')], createdAt: '', lastMessage: null, unreadCount: 0 };

describe('conversationReducer', () => {
  it('the broadcast of my message settles its pending copy even before the ack; the ack adds nothing twice', () => {
    let s = conversationReducer(initialConversationState('c1'), { type: 'snapshot', snapshot: { conversation, recentMessages: [], seq: 0 } });
    s = conversationReducer(s, { type: 'sending', pending: { requestId: 'r1', text: 'hi', status: 'sending', error: null, createdAt: '' } });
    const m = message('m1', 'me', 'hi', 1);
    s = conversationReducer(s, { type: 'event', name: 'messageCreated', payload: { conversationId: 'c1', message: m, seq: 1, at: '' }, me: 'me' });
    expect(s.pending).toEqual([]);
    s = conversationReducer(s, { type: 'sent', requestId: 'r1', message: m });
    expect(s.messages).toEqual([m]);
  });

  it('read receipts: a marker at or after a message means it was read', () => {
    let s = conversationReducer(initialConversationState('c1'), {
      type: 'snapshot',
      snapshot: { conversation, recentMessages: [message('m2', 'me', 'b', 2), message('m1', 'me', 'a', 1)], seq: 2 },
    });
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    s = conversationReducer(s, { type: 'event', name: 'messagesRead', payload: { conversationId: 'c1', userId: 'bob', upToMessageId: 'm1', readAt: '', seq: 3, at: '' }, me: 'me' });
    expect(readersOf(s, 'm1').map((p) => p.id)).toEqual(['bob']);
    expect(readersOf(s, 'm2')).toEqual([]);
  });

  it('typing: others only; a message from the typist ends it', () => {
    let s = initialConversationState('c1');
    s = conversationReducer(s, { type: 'event', name: 'typingChanged', payload: { conversationId: 'c1', user: person('me'), isTyping: true }, me: 'me' });
    s = conversationReducer(s, { type: 'event', name: 'typingChanged', payload: { conversationId: 'c1', user: person('bob'), isTyping: true }, me: 'me' });
    expect(s.typing.map((u) => u.id)).toEqual(['bob']);
    s = conversationReducer(s, { type: 'event', name: 'messageCreated', payload: { conversationId: 'c1', message: message('m1', 'bob', 'yo', 1), seq: 1, at: '' }, me: 'me' });
    expect(s.typing).toEqual([]);
  });
});
