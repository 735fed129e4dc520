// Messages (SPEC §4): send (persisted, then broadcast; requestId-idempotent), edit and delete (sender
// only, soft delete) and read markers. Each change and its room events commit in one transaction.
import type { CommandPayload, Message } from '@bidwire/contract';
import { DomainError, notFound } from '../../core/errors.js';
import type { Idempotency } from '../idempotency/idempotency.js';
import { claimSeq, recordEvent } from '../rooms/room-log.js';
import { conversationRoom, userRoom } from '../../core/rooms.js';
import { requireParticipant } from './chat.access.js';
import * as rules from './chat.domain.js';
import { toMessage } from './chat.mappers.js';
import { createChatRepository } from './chat.repository.js';
import type { ChatDeps } from './conversations.service.js';

export function createMessageService(d: ChatDeps & { idempotency: Idempotency }) {
  const repo = createChatRepository(d.db);
  const now = d.now ?? (() => new Date());

  /** The message, its conversation checked for the caller (NOT_FOUND, FORBIDDEN, then sender rules). */
  async function ownMessage(messageId: string, userId: string) {
    const message = await repo.findMessage(messageId);
    if (!message) throw notFound('Message');
    await requireParticipant(repo, message.conversationId, userId);
    rules.assertMayChangeMessage(message, userId);
    return message;
  }

  return {
    async send(input: CommandPayload<'sendMessage'>, userId: string): Promise<{ message: Message }> {
      const { conversationId, text } = input;
      await requireParticipant(repo, conversationId, userId);
      const key = { userId, command: 'sendMessage', requestId: input.requestId };
      const result = await d.idempotency.run(key, (save) =>
        d.commit(async (tx, out) => {
          const r = createChatRepository(tx);
          const room = conversationRoom(conversationId);
          const seq = await claimSeq(tx, room);
          // Checked again inside the transaction: a removal committed meanwhile wins.
          await requireParticipant(r, conversationId, userId);
          const at = now();
          const message = toMessage(await r.createMessage({ conversationId, senderId: userId, seq, text, createdAt: at }));
          await r.touchConversation(conversationId, at);
          out.push(await recordEvent(tx, room, seq, 'messageCreated', { conversationId, message }, at));
          // One durable notice per other participant, in their user room (ids sorted: one lock order).
          const others = (await r.activeParticipantIds(conversationId)).filter((id) => id !== userId).sort();
          const preview = rules.previewOf(text);
          for (const other of others) {
            const userSeq = await claimSeq(tx, userRoom(other));
            out.push(
              await recordEvent(tx, userRoom(other), userSeq, 'messageNotification', { conversationId, messageId: message.id, sender: message.sender, preview }, at),
            );
          }
          const answer = { message };
          await save(tx, answer);
          return answer;
        }),
      );
      d.typing.stop(conversationId, result.message.sender);
      return result;
    },

    async edit(input: CommandPayload<'editMessage'>, userId: string): Promise<{ message: Message }> {
      const existing = await ownMessage(input.messageId, userId);
      return d.commit(async (tx, out) => {
        const r = createChatRepository(tx);
        const room = conversationRoom(existing.conversationId);
        const seq = await claimSeq(tx, room);
        const current = await r.findMessage(existing.id);
        if (current) rules.assertMayChangeMessage(current, userId);
        const editedAt = now();
        const message = toMessage(await r.updateMessage(existing.id, { text: input.text, editedAt }));
        out.push(
          await recordEvent(tx, room, seq, 'messageEdited', {
            conversationId: existing.conversationId, messageId: existing.id, text: input.text, editedAt: editedAt.toISOString(),
          }),
        );
        return { message };
      });
    },

    async remove(messageId: string, userId: string): Promise<Record<string, never>> {
      const existing = await ownMessage(messageId, userId);
      await d.commit(async (tx, out) => {
        const r = createChatRepository(tx);
        const room = conversationRoom(existing.conversationId);
        const seq = await claimSeq(tx, room);
        const current = await r.findMessage(existing.id);
        if (current) rules.assertMayChangeMessage(current, userId);
        const deletedAt = now();
        // Soft delete: the message stays (history keeps its place) but its text is erased.
        await r.updateMessage(existing.id, { text: '', deletedAt });
        out.push(
          await recordEvent(tx, room, seq, 'messageDeleted', {
            conversationId: existing.conversationId, messageId: existing.id, deletedAt: deletedAt.toISOString(),
          }),
        );
      });
      return {};
    },

    async markRead(input: CommandPayload<'markRead'>, userId: string): Promise<{ unreadCount: number }> {
      const { conversationId, upToMessageId } = input;
      await requireParticipant(repo, conversationId, userId);
      const message = await repo.findMessage(upToMessageId);
      if (!message || message.conversationId !== conversationId) throw new DomainError('NOT_FOUND', rules.MESSAGES.wrongConversation);
      return d.commit(async (tx, out, rollback) => {
        const r = createChatRepository(tx);
        const room = conversationRoom(conversationId);
        const seq = await claimSeq(tx, room);
        const readAt = now();
        if (await r.advanceReadMarker(conversationId, userId, message, readAt)) {
          out.push(await recordEvent(tx, room, seq, 'messagesRead', { conversationId, userId, upToMessageId, readAt: readAt.toISOString() }));
        } else {
          // Already read that far: nothing to announce, and the claimed seq is given back.
          return rollback({ unreadCount: await unread(r, conversationId, userId) });
        }
        return { unreadCount: await unread(r, conversationId, userId) };
      });
    },
  };
}

async function unread(r: ReturnType<typeof createChatRepository>, conversationId: string, userId: string) {
  const p = await r.participant(conversationId, userId);
  return r.unreadCount(conversationId, userId, p?.lastReadSeq ?? 0);
}

export type MessageService = ReturnType<typeof createMessageService>;
