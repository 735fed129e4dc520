// useConversation against a real server: messages, edits and read markers missed during a drop arrive after
// reconnecting. The other cases run on the test kit (use-conversation.test.tsx).
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useConversation } from '../src/index.js';
import { realBackend } from './backend.js';
import { renderAs } from './render.js';

const backend = realBackend();
afterEach(() => backend.closeAll());

async function pair() {
  const [alice, bob] = await Promise.all([backend.signIn('Alice'), backend.signIn('Bob')]);
  const conversation = await alice.rest.createConversation({ body: { participantIds: [bob.id] } });
  return { alice, bob, conversationId: conversation.id };
}

describe('useConversation (real server)', () => {
  it('messages, edits and read markers missed during a drop arrive after reconnecting', async () => {
    const { alice, bob, conversationId } = await pair();
    const bobClient = await bob.connect();
    await bobClient.joinConversation({ conversationId });
    const aliceClient = await alice.connect();
    const a = renderAs(alice, aliceClient, () => useConversation(conversationId));
    await waitFor(() => expect(a.result.current.status).toBe('joined'));
    const { message: mine } = await aliceClient.sendMessage({ conversationId, text: 'see you' });

    aliceClient.disconnect();
    const { message: first } = await bobClient.sendMessage({ conversationId, text: 'one' });
    await bobClient.sendMessage({ conversationId, text: 'two' });
    await bobClient.editMessage({ messageId: first.id, text: 'one (edited)' });
    await bobClient.markRead({ conversationId, upToMessageId: mine.id });
    aliceClient.connect();

    await waitFor(() => expect(a.result.current.messages.map((m) => m.text)).toEqual(['see you', 'one (edited)', 'two']));
    expect(a.result.current.readBy(mine.id).map((u) => u.name)).toEqual(['Bob']);
  });
});
