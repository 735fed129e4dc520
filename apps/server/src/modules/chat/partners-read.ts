// Conversation partners of users coming online, as the repository's `partnerIdsOf` answers them. On SQLite by
// direct SQL on the connection of the bid writes, both statements in one transaction: a reconnect storm's users
// arrive a few per turn, and two ORM rounds per few users were a tenth of the server's time there. Elsewhere
// through Prisma.
import { sqliteExclusive, type Db } from '../../db/client.js';
import { preparedStatements } from '../../db/sqlite-statements.js';
import { partnersFrom, type Participation } from './chat.domain.js';
import { createChatRepository } from './chat.repository.js';

// The ids as one JSON array parameter: one statement whatever their number.
const statementsOf = preparedStatements({
  theirs: `SELECT "conversationId", "userId" FROM "ConversationParticipant"
    WHERE "removedAt" IS NULL AND "userId" IN (SELECT value FROM json_each(?))`,
  members: `SELECT "conversationId", "userId" FROM "ConversationParticipant"
    WHERE "removedAt" IS NULL AND "conversationId" IN (SELECT value FROM json_each(?))`,
});

/** Each user's partners (themselves excluded), every user of `userIds` a key. */
export function readPartnerIds(db: Db, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const sqlite = sqliteExclusive(db);
  if (!sqlite) return createChatRepository(db).partnerIdsOf(userIds);
  return sqlite((client) => {
    const s = statementsOf(client);
    const theirs = s.theirs.all(JSON.stringify(userIds)) as Participation[];
    const conversationIds = [...new Set(theirs.map((p) => p.conversationId))];
    const members = conversationIds.length ? (s.members.all(JSON.stringify(conversationIds)) as Participation[]) : [];
    return partnersFrom(userIds, theirs, members);
  });
}
