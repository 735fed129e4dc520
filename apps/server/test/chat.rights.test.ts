// SPEC §4 rights: non-participants are refused everywhere; only a sender edits or deletes (soft);
// a removed participant is out of the room at once; only the creator removes others.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll, group, recorder } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';
import { http } from './raw-socket.js';

describe('chat rights', () => {
  it('a non-participant is refused by every command and route, and nothing changes', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Ana', 'Ben']);
    const [ana, ben] = members as [typeof members[0], typeof members[0]];
    const conversationId = conversation.id;
    await ana.client.joinConversation({ conversationId });
    const { message } = await ben.client.sendMessage({ conversationId, text: 'Private terms' });
    await flushAll([ana.client]);
    ana.seen.clear();

    const eve = await t.signIn('Eve');
    const eveClient = await eve.connect();
    const eveSeen = recorder(eveClient);
    const forbidden = { code: 'FORBIDDEN', message: 'You are not a participant in this conversation.' };
    await expect(eveClient.joinConversation({ conversationId })).rejects.toMatchObject(forbidden);
    await expect(eveClient.sendMessage({ conversationId, text: 'hi' })).rejects.toMatchObject(forbidden);
    await expect(eveClient.editMessage({ messageId: message.id, text: 'mine now' })).rejects.toMatchObject(forbidden);
    await expect(eveClient.deleteMessage({ messageId: message.id })).rejects.toMatchObject(forbidden);
    await expect(eveClient.markRead({ conversationId, upToMessageId: message.id })).rejects.toMatchObject(forbidden);
    await expect(eveClient.setTyping({ conversationId, isTyping: true })).rejects.toMatchObject(forbidden);
    await expect(eve.rest.listMessages({ params: { id: conversationId } })).rejects.toMatchObject({ ...forbidden, status: 403 });
    await expect(eve.rest.addParticipants({ params: { id: conversationId }, body: { userIds: [eve.id] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(eve.rest.removeParticipant({ params: { id: conversationId, userId: ana.user.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(eveClient.resync({ room: { type: 'conversation', id: conversationId }, afterSeq: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await eve.rest.listConversations()).items).toEqual([]);
    // An unknown conversation is NOT_FOUND.
    await expect(eveClient.joinConversation({ conversationId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await http(t.url, 'GET', `/conversations/${conversationId}/messages`)).status).toBe(401);

    await flushAll([ana.client, ben.client, eveClient]);
    expect(ana.seen.events).toEqual([]);
    expect(eveSeen.events).toEqual([]);
    const history = await ana.user.rest.listMessages({ params: { id: conversationId } });
    expect(history.items).toEqual([message]);
  });

  it('only the sender edits or deletes a message; deletion is soft and erases the text', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Cleo', 'Dan']);
    const [cleo, dan] = members as [typeof members[0], typeof members[0]];
    const conversationId = conversation.id;
    await dan.client.joinConversation({ conversationId });
    const { message } = await cleo.client.sendMessage({ conversationId, text: 'Price is 100' });

    await expect(dan.client.editMessage({ messageId: message.id, text: 'Price is 1' })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: 'Only the sender can change this message.',
    });
    await expect(dan.client.deleteMessage({ messageId: message.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(cleo.client.editMessage({ messageId: 'missing', text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const edited = await cleo.client.editMessage({ messageId: message.id, text: 'Price is 120' });
    expect(edited.message).toMatchObject({ id: message.id, text: 'Price is 120', editedAt: expect.any(String) });
    await waitUntil(() => dan.seen.of('messageEdited').length === 1, 'messageEdited at Dan');
    expect(dan.seen.of('messageEdited')[0]).toMatchObject({ conversationId, messageId: message.id, text: 'Price is 120', editedAt: edited.message.editedAt });

    expect(await cleo.client.deleteMessage({ messageId: message.id })).toEqual({});
    await waitUntil(() => dan.seen.of('messageDeleted').length === 1, 'messageDeleted at Dan');
    const deleted = dan.seen.of('messageDeleted')[0]!;
    expect(deleted).toMatchObject({ conversationId, messageId: message.id, deletedAt: expect.any(String) });
    const seqs = [...dan.seen.of('messageCreated'), ...dan.seen.of('messageEdited'), deleted].map((e) => e.seq);
    expect(seqs).toEqual([1, 2, 3]);

    const [kept] = (await dan.user.rest.listMessages({ params: { id: conversationId } })).items;
    expect(kept).toMatchObject({ id: message.id, text: '', deletedAt: deleted.deletedAt });
    await expect(cleo.client.editMessage({ messageId: message.id, text: 'again' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'This message was deleted.' });
    await expect(cleo.client.deleteMessage({ messageId: message.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('a removed participant is out at once; only the creator removes others; anyone may leave', async () => {
    await using t = await startServer();
    const { conversation, members } = await group(t, ['Fay', 'Gus', 'Hal']);
    const [fay, gus, hal] = members as [typeof members[0], typeof members[0], typeof members[0]];
    const conversationId = conversation.id;
    const gusTab2 = await gus.user.connect();
    const gusTab2Seen = recorder(gusTab2);
    for (const c of [fay.client, gus.client, gusTab2, hal.client]) await c.joinConversation({ conversationId });

    // Not the creator: Hal cannot remove Gus.
    await expect(hal.user.rest.removeParticipant({ params: { id: conversationId, userId: gus.user.id } })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: 'Only the conversation creator can remove other participants.',
    });

    // The creator removes Gus: both his tabs hear it, then leave the room before the next message.
    await fay.user.rest.removeParticipant({ params: { id: conversationId, userId: gus.user.id } });
    await waitUntil(() => gusTab2Seen.of('participantRemoved').length === 1, 'participantRemoved at Gus (tab 2)');
    expect(gus.seen.of('participantRemoved')[0]).toMatchObject({ conversationId, user: { id: gus.user.id, name: 'Gus' }, removedBy: { id: fay.user.id, name: 'Fay' } });
    await fay.client.sendMessage({ conversationId, text: 'Just us now' });
    await waitUntil(() => hal.seen.of('messageCreated').length === 1, 'messageCreated at Hal');
    await flushAll([gus.client, gusTab2]);
    expect(gus.seen.of('messageCreated')).toEqual([]);
    expect(gusTab2Seen.of('messageCreated')).toEqual([]);
    expect(gus.seen.of('messageNotification')).toEqual([]);
    await expect(gus.client.sendMessage({ conversationId, text: 'wait' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(gusTab2.joinConversation({ conversationId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await gus.user.rest.listConversations()).items).toEqual([]);

    // Hal leaves by himself.
    await hal.user.rest.removeParticipant({ params: { id: conversationId, userId: hal.user.id } });
    await waitUntil(() => fay.seen.of('participantRemoved').length === 2, 'second participantRemoved at Fay');
    expect(fay.seen.of('participantRemoved')[1]).toMatchObject({ user: { id: hal.user.id }, removedBy: { id: hal.user.id } });

    // Anyone in it may add people back; the room hears participantsAdded.
    const back = await fay.user.rest.addParticipants({ params: { id: conversationId }, body: { userIds: [gus.user.id] } });
    expect(back.participants.map((p) => p.id).sort()).toEqual([fay.user.id, gus.user.id].sort());
    await waitUntil(() => fay.seen.of('participantsAdded').length === 1, 'participantsAdded at Fay');
    expect(fay.seen.of('participantsAdded')[0]).toMatchObject({ participants: [{ id: gus.user.id, name: 'Gus' }], addedBy: { id: fay.user.id } });
    expect((await gus.client.joinConversation({ conversationId })).conversation.id).toBe(conversationId);
  });
});
