// Which of some ids are users, as the repository's `existingUserIds` answers it. On SQLite by direct SQL on the
// connection of the bid writes: after a restart every connecting user is looked up once (known-users.ts), and a
// reconnect storm's users arrive a few per turn, so an ORM round per few users was a tenth of the server's time
// there. Elsewhere through Prisma.
import { sqliteExclusive, type Db } from '../../db/client.js';
import { preparedStatements } from '../../db/sqlite-statements.js';
import { createAuthRepository } from './auth.repository.js';

// The ids as one JSON array parameter: one statement whatever their number.
const statementsOf = preparedStatements({ existing: `SELECT "id" FROM "User" WHERE "id" IN (SELECT value FROM json_each(?))` });

export function readExistingUserIds(db: Db, ids: readonly string[]): Promise<string[]> {
  const sqlite = sqliteExclusive(db);
  if (!sqlite) return createAuthRepository(db).existingUserIds(ids);
  return sqlite((client) => (statementsOf(client).existing.all(JSON.stringify(ids)) as { id: string }[]).map((r) => r.id));
}
