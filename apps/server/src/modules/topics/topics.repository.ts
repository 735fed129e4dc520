// Prisma queries of topic memberships (users a service let into a topic).
import type { DbOrTx } from '../../db/tx.js';

export function createTopicRepository(db: DbOrTx) {
  return {
    isMember: async (topic: string, userId: string) =>
      (await db.topicMember.count({ where: { topic, userId } })) > 0,
    /** Adds memberships, ignoring existing ones (one upsert each keeps it portable). */
    addMembers: async (topic: string, userIds: readonly string[]) => {
      for (const userId of userIds) {
        await db.topicMember.upsert({ where: { topic_userId: { topic, userId } }, create: { topic, userId }, update: {} });
      }
    },
    removeMember: async (topic: string, userId: string) =>
      (await db.topicMember.deleteMany({ where: { topic, userId } })).count > 0,
    membersOf: async (topics: readonly string[]) =>
      [...new Set((await db.topicMember.findMany({ where: { topic: { in: [...topics] } }, select: { userId: true } })).map((m) => m.userId))],
  };
}
