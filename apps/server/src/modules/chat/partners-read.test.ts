// Conversation partners read on SQLite by direct SQL answer what the Prisma read answers, and what a reference
// model of the participations says: random conversations with random members (some removed), random users
// asking (unknown ones and repeats among them).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteExclusive } from '../../db/client.js';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { createChatRepository } from './chat.repository.js';
import { readPartnerIds } from './partners-read.js';

const scratch = useMigratedSqlite();
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
beforeAll(async () => {
  await scratch.db().user.createMany({ data: USERS.map((id) => ({ id, name: id })) });
});

const worldArb = fc.record({
  conversations: fc.array(fc.array(fc.record({ user: fc.integer({ min: 0, max: 6 }), removed: fc.boolean() }), { maxLength: 5 }), { maxLength: 6 }),
  asking: fc.array(fc.constantFrom(...USERS, 'nobody'), { maxLength: 9 }),
});

let worlds = 0;
const sorted = (m: Map<string, string[]>) => new Map([...m].map(([id, partners]) => [id, [...partners].sort()]));

describe('conversation partners on SQLite (direct SQL)', () => {
  it('answer what the Prisma read and the model answer, on random conversations', async () => {
    expect(sqliteExclusive(scratch.db())).not.toBeNull();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ conversations, asking }) => {
        const db = scratch.db();
        // Each world starts empty: participations of earlier worlds are removed.
        await db.conversationParticipant.updateMany({ data: { removedAt: new Date() } });
        const world = ++worlds;
        const active = new Map<string, Set<string>>(); // the model: conversation -> active members
        for (const [c, members] of conversations.entries()) {
          const id = `w${world}-c${c}`;
          await db.conversation.create({ data: { id, kind: 'group', creatorId: 'u0' } });
          const byUser = new Map(members.map((m) => [USERS[m.user]!, m.removed])); // one row per user
          for (const [userId, removed] of byUser) {
            await db.conversationParticipant.create({ data: { conversationId: id, userId, removedAt: removed ? new Date() : null } });
            if (!removed) (active.get(id) ?? active.set(id, new Set()).get(id)!).add(userId);
          }
        }
        const model = new Map(asking.map((u) => [u, [...new Set([...active.values()].filter((m) => m.has(u)).flatMap((m) => [...m]))].filter((p) => p !== u).sort()]));
        const bySql = sorted(await readPartnerIds(db, asking));
        expect(bySql).toEqual(sorted(await createChatRepository(db).partnerIdsOf(asking)));
        expect(bySql).toEqual(model);
        compared++;
      }),
      { numRuns: 50, seed: 20261202 },
    );
    expect(compared).toBe(50);
  });
});
