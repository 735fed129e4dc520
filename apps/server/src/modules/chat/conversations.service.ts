// Conversations and their participants (SPEC §4): create (a pair's direct conversation once), list,
// history, join, add and remove people. Participant changes are durable room events.
import type { Conversation, ConversationSnapshot, Message, PublicUser } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { inTransaction, type Tx } from '../../db/tx.js';
import { DomainError } from '../../core/errors.js';
import type { Commit } from '../rooms/commit.js';
import type { Paged } from '../../lib/paged.js';
import type { RoomControl } from '../../core/ports/room-control.js';
import { toPublicUser } from '../../core/user.js';
import { claimSeq, currentSeq, recordEvent } from '../rooms/room-log.js';
import { type Outgoing } from '../../core/events.js';
import { conversationRoom } from '../../core/rooms.js';
import { requireParticipant } from './chat.access.js';
import * as rules from './chat.domain.js';
import { toConversation, toMessage, type ConversationRow } from './chat.mappers.js';
import { createChatRepository, type ChatRepository } from './chat.repository.js';
import type { TypingService } from './typing.service.js';

export interface ChatDeps {
  db: Db;
  commit: Commit;
  rooms: RoomControl;
  typing: TypingService;
  now?: () => Date;
}

const unknownUsers = (field: string, ids: string[]) =>
  new DomainError('VALIDATION_FAILED', 'Some users do not exist.', {
    issues: [{ path: field, message: `No user has the id ${ids.join(', ')}.`, code: 'custom' }],
  });

export function createConversationService(d: ChatDeps) {
  const repo = createChatRepository(d.db);
  const now = d.now ?? (() => new Date());

  /** The conversation as `userId` sees it: with the last message and their unread count. */
  async function view(r: ChatRepository, row: ConversationRow, userId: string): Promise<Conversation> {
    const p = await r.participant(row.id, userId);
    const last = await r.lastMessage(row.id);
    const unread = await r.unreadCount(row.id, userId, p?.lastReadSeq ?? 0);
    return toConversation(row, last, unread);
  }

  /**
   * The conversation up to its room's `seq`, read in one snapshot (joinConversation, and resync of a gap
   * older than the log keeps). The participant check inside the read also catches a removal that raced it.
   */
  async function snapshot(conversationId: string, userId: string): Promise<ConversationSnapshot> {
    return inTransaction(d.db, async (tx) => {
      const r = createChatRepository(tx);
      const seq = await currentSeq(tx, conversationRoom(conversationId));
      const { conversation } = await requireParticipant(r, conversationId, userId);
      const recent = await r.messagesBefore(conversationId, undefined, rules.RECENT_MESSAGES);
      return { conversation: await view(r, conversation, userId), recentMessages: recent.map(toMessage), seq };
    }, { consistentRead: true });
  }

  async function assertUsersExist(field: string, ids: string[]) {
    const found = new Set((await repo.usersByIds(ids)).map((u) => u.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw unknownUsers(field, missing);
  }

  /** Adds (or brings back) people inside `tx` and records participantsAdded. */
  async function addPeople(tx: Tx, out: Outgoing[], conversationId: string, userIds: string[], addedById: string) {
    const r = createChatRepository(tx);
    const room = conversationRoom(conversationId);
    const seq = await claimSeq(tx, room);
    const at = now();
    for (const userId of userIds) await r.addParticipant(conversationId, userId, at);
    const users = await r.usersByIds([...userIds, addedById]);
    const pub = (id: string): PublicUser => toPublicUser(users.find((u) => u.id === id)!);
    out.push(
      await recordEvent(tx, room, seq, 'participantsAdded', { conversationId, participants: userIds.map(pub), addedBy: pub(addedById) }),
    );
  }

  async function directConversation(callerId: string, otherId: string) {
    const key = rules.directKey(callerId, otherId);
    let row = await repo.findDirect(key);
    if (!row) {
      try {
        row = await repo.createConversation({ kind: 'direct', title: null, creatorId: callerId, directKey: key, userIds: [callerId, otherId] });
      } catch (error) {
        // The other person started it at the same moment: theirs won the unique key.
        row = await repo.findDirect(key);
        if (!row) throw error;
      }
    }
    const removed: string[] = [];
    for (const id of [callerId, otherId]) if ((await repo.participant(row.id, id))?.removedAt) removed.push(id);
    if (removed.length > 0) {
      const id = row.id;
      await d.commit((tx, out) => addPeople(tx, out, id, removed, callerId));
      row = (await repo.findConversation(id))!;
    }
    return row;
  }

  return {
    async create(callerId: string, participantIds: string[], title: string | undefined): Promise<Conversation> {
      const ids = rules.participantSet(callerId, participantIds);
      await assertUsersExist('participantIds', ids.slice(1));
      const row =
        rules.kindFor(ids, title) === 'direct'
          ? await directConversation(callerId, ids[1]!)
          : await repo.createConversation({ kind: 'group', title: title ?? null, creatorId: callerId, directKey: null, userIds: ids });
      return view(repo, row, callerId);
    },

    async list(userId: string, cursor: string | undefined, limit: number): Promise<Paged<Conversation>> {
      const page = await repo.listForUser(userId, cursor, limit);
      const items = [];
      for (const row of page.items) items.push(await view(repo, row, userId));
      return { items, nextCursor: page.nextCursor };
    },

    async history(userId: string, conversationId: string, before: string | undefined, limit: number): Promise<Paged<Message>> {
      await requireParticipant(repo, conversationId, userId);
      let beforeSeq: number | undefined;
      if (before) {
        const anchor = await repo.findMessage(before);
        if (!anchor || anchor.conversationId !== conversationId) throw new DomainError('NOT_FOUND', rules.MESSAGES.wrongConversation);
        beforeSeq = anchor.seq;
      }
      const rows = await repo.messagesBefore(conversationId, beforeSeq, limit + 1);
      const items = rows.slice(0, limit);
      return { items: items.map(toMessage), nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
    },

    /** joinConversation: in the room before the snapshot is read, so nothing committed after it is missed. */
    async join(conversationId: string, userId: string, room: { join(): void; leave(): void }): Promise<ConversationSnapshot> {
      await requireParticipant(repo, conversationId, userId);
      room.join();
      try {
        return await snapshot(conversationId, userId);
      } catch (error) {
        room.leave();
        throw error;
      }
    },

    snapshot,

    async addParticipants(callerId: string, conversationId: string, userIds: string[]): Promise<Conversation> {
      const { conversation } = await requireParticipant(repo, conversationId, callerId);
      const current = new Set(conversation.participants.map((p) => p.user.id));
      const newcomers = [...new Set(userIds)].filter((id) => !current.has(id));
      rules.assertMayAdd(conversation.kind, current.size, newcomers.length);
      await assertUsersExist('userIds', newcomers);
      if (newcomers.length > 0) await d.commit((tx, out) => addPeople(tx, out, conversationId, newcomers, callerId));
      return view(repo, (await repo.findConversation(conversationId))!, callerId);
    },

    /** A participant leaves, or the creator removes someone: their sockets leave the room at once. */
    async removeParticipant(callerId: string, conversationId: string, targetId: string): Promise<void> {
      const { conversation } = await requireParticipant(repo, conversationId, callerId);
      rules.assertMayRemove(conversation.creatorId, callerId, targetId);
      const room = conversationRoom(conversationId);
      const removed = await d.commit(async (tx, out) => {
        const r = createChatRepository(tx);
        const seq = await claimSeq(tx, room);
        if (!(await r.removeParticipant(conversationId, targetId, now()))) throw new DomainError('NOT_FOUND', rules.MESSAGES.notAParticipant);
        const users = await r.usersByIds([targetId, callerId]);
        const pub = (id: string) => toPublicUser(users.find((u) => u.id === id)!);
        out.push(await recordEvent(tx, room, seq, 'participantRemoved', { conversationId, user: pub(targetId), removedBy: pub(callerId) }));
        return pub(targetId);
      });
      d.rooms.removeUser(targetId, room);
      d.typing.stop(conversationId, removed);
    },
  };
}
export type ConversationService = ReturnType<typeof createConversationService>;
