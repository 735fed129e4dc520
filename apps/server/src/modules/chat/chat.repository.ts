// Prisma queries of chat: conversations, participants and messages. Takes the database or a transaction.
import type { DbOrTx } from '../../db/tx.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { afterCursor, paged } from '../../lib/paged.js';
import { publicUserSelect } from '../auction/auction.mappers.js';
import { partnersFrom, type Participation } from './chat.domain.js';

const active = { removedAt: null } as const;
/** Ids per `in` list (well under every database's limit on bound parameters). */
const CHUNK = 500;
/** A conversation with its current participants, oldest first, as public users. */
const withParticipants = {
  participants: { where: { removedAt: null }, orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }], select: { user: publicUserSelect } },
} satisfies Prisma.ConversationInclude;
const withSender = { sender: publicUserSelect } as const;

export function createChatRepository(db: DbOrTx) {
  return {
    findConversation: (id: string) => db.conversation.findUnique({ where: { id }, include: withParticipants }),
    findDirect: (directKey: string) => db.conversation.findUnique({ where: { directKey }, include: withParticipants }),

    createConversation: (data: { kind: string; title: string | null; creatorId: string; directKey: string | null; userIds: string[] }) =>
      db.conversation.create({
        data: {
          kind: data.kind,
          title: data.title,
          creatorId: data.creatorId,
          directKey: data.directKey,
          participants: { create: data.userIds.map((userId) => ({ userId })) },
        },
        include: withParticipants,
      }),

    participant: (conversationId: string, userId: string) =>
      db.conversationParticipant.findUnique({ where: { conversationId_userId: { conversationId, userId } } }),

    activeParticipantIds: async (conversationId: string) =>
      (await db.conversationParticipant.findMany({ where: { conversationId, ...active }, select: { userId: true } })).map((p) => p.userId),

    /** Adds people, or brings removed ones back (their read marker is kept). */
    addParticipant: (conversationId: string, userId: string, at: Date) =>
      db.conversationParticipant.upsert({
        where: { conversationId_userId: { conversationId, userId } },
        create: { conversationId, userId, joinedAt: at },
        update: { removedAt: null, joinedAt: at },
      }),

    /** true when the participant was active until now. */
    removeParticipant: async (conversationId: string, userId: string, at: Date) =>
      (await db.conversationParticipant.updateMany({ where: { conversationId, userId, ...active }, data: { removedAt: at } })).count === 1,

    usersByIds: (ids: readonly string[]) =>
      db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, avatarUrl: true } }),

    /** The caller's conversations, most recently active first. */
    listForUser: (userId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.conversation.findMany({
          where: { participants: { some: { userId, ...active } } },
          orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
          include: withParticipants,
        }),
      ),

    touchConversation: (id: string, at: Date) => db.conversation.update({ where: { id }, data: { lastActivityAt: at } }),

    /** People who share at least one conversation with `userId` (both still in it), `userId` excluded. */
    partnerIds: async (userId: string) =>
      (
        await db.conversationParticipant.findMany({
          where: { ...active, userId: { not: userId }, conversation: { participants: { some: { userId, ...active } } } },
          select: { userId: true },
          distinct: ['userId'],
        })
      ).map((p) => p.userId),

    /**
     * `partnerIds` for many users at once (a crowd coming online together): two queries per chunk of users,
     * their conversations, then those conversations' members (chat.domain.ts's partnersFrom puts them together).
     */
    partnerIdsOf: async (userIds: readonly string[]) => {
      const theirs: Participation[] = [];
      const members: Participation[] = [];
      for (let i = 0; i < userIds.length; i += CHUNK) {
        const rows = await db.conversationParticipant.findMany({
          where: { ...active, userId: { in: userIds.slice(i, i + CHUNK) } },
          select: { conversationId: true, userId: true },
        });
        theirs.push(...rows);
        const conversationIds = [...new Set(rows.map((p) => p.conversationId))];
        for (let j = 0; j < conversationIds.length; j += CHUNK) {
          members.push(
            ...(await db.conversationParticipant.findMany({
              where: { ...active, conversationId: { in: conversationIds.slice(j, j + CHUNK) } },
              select: { conversationId: true, userId: true },
            })),
          );
        }
      }
      return partnersFrom(userIds, theirs, members);
    },

    lastMessage: (conversationId: string) =>
      db.message.findFirst({ where: { conversationId }, orderBy: { seq: 'desc' }, include: withSender }),

    /** Messages from others after the read marker, deleted ones not counted. */
    unreadCount: (conversationId: string, userId: string, lastReadSeq: number) =>
      db.message.count({ where: { conversationId, seq: { gt: lastReadSeq }, senderId: { not: userId }, deletedAt: null } }),

    /** Newest first, older than `beforeSeq` when given. */
    messagesBefore: (conversationId: string, beforeSeq: number | undefined, take: number) =>
      db.message.findMany({
        where: { conversationId, ...(beforeSeq === undefined ? {} : { seq: { lt: beforeSeq } }) },
        orderBy: { seq: 'desc' },
        take,
        include: withSender,
      }),

    findMessage: (id: string) => db.message.findUnique({ where: { id }, include: withSender }),

    createMessage: (data: { conversationId: string; senderId: string; seq: number; text: string; createdAt: Date }) =>
      db.message.create({ data, include: withSender }),

    updateMessage: (id: string, data: { text: string; editedAt?: Date; deletedAt?: Date }) =>
      db.message.update({ where: { id }, data, include: withSender }),

    /** Moves the read marker forward only (never back): true when it moved. */
    advanceReadMarker: async (conversationId: string, userId: string, message: { id: string; seq: number }, at: Date) =>
      (
        await db.conversationParticipant.updateMany({
          where: { conversationId, userId, lastReadSeq: { lt: message.seq } },
          data: { lastReadSeq: message.seq, lastReadMessageId: message.id, lastReadAt: at },
        })
      ).count === 1,
  };
}
export type ChatRepository = ReturnType<typeof createChatRepository>;
