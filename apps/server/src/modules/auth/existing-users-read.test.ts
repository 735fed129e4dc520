// Which ids are users, read on SQLite by direct SQL, answers what the Prisma read answers: random sets of known
// and unknown ids, repeats among them, and none at all.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { sqliteExclusive } from '../../db/client.js';
import { createAuthRepository } from './auth.repository.js';
import { readExistingUserIds } from './existing-users-read.js';

const scratch = useMigratedSqlite();
const USERS = Array.from({ length: 20 }, (_, i) => `user-${i}`);
beforeAll(async () => {
  await scratch.db().user.createMany({ data: USERS.map((id) => ({ id, name: id })) });
});

describe('existing user ids on SQLite (direct SQL)', () => {
  it('answers what the Prisma read answers, on random id sets', async () => {
    expect(sqliteExclusive(scratch.db())).not.toBeNull();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...USERS), fc.string({ maxLength: 12 })), { maxLength: 30 }), async (ids) => {
        const bySql = (await readExistingUserIds(scratch.db(), ids)).sort();
        expect(bySql).toEqual((await createAuthRepository(scratch.db()).existingUserIds(ids)).sort());
        expect(bySql).toEqual([...new Set(ids.filter((id) => USERS.includes(id)))].sort());
        compared++;
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(compared).toBe(60);
  });
});
