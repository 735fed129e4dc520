// Prisma queries of users shared by several domains: how services name users (Bidwire id, or the `sub` of
// an external identity provider's tokens) and when a user was last seen.
import type { DbOrTx } from '../../db/tx.js';

export function createUserRepository(db: DbOrTx) {
  return {
    /** Resolves user refs to ids; unknown refs are reported, not guessed. */
    async resolveRefs(refs: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
      const unique = [...new Set(refs)];
      if (unique.length === 0) return { ids: [], unknown: [] };
      const rows = await db.user.findMany({
        where: { OR: [{ id: { in: unique } }, { externalSub: { in: unique } }] },
        select: { id: true, externalSub: true },
      });
      const byRef = new Map<string, string>();
      for (const r of rows) {
        byRef.set(r.id, r.id);
        if (r.externalSub && !byRef.has(r.externalSub)) byRef.set(r.externalSub, r.id);
      }
      const ids = [...new Set(unique.flatMap((ref) => (byRef.has(ref) ? [byRef.get(ref)!] : [])))];
      return { ids, unknown: unique.filter((ref) => !byRef.has(ref)) };
    },

    /** A user's public fields (id, name, avatar), or null. */
    publicUser: (id: string) => db.user.findUnique({ where: { id }, select: { id: true, name: true, avatarUrl: true } }),

    setLastSeen: (userId: string, lastSeenAt: Date) => db.user.updateMany({ where: { id: userId }, data: { lastSeenAt } }),

    async lastSeen(userIds: readonly string[]): Promise<Map<string, Date | null>> {
      const rows = await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, lastSeenAt: true } });
      return new Map(rows.map((u) => [u.id, u.lastSeenAt]));
    },
  };
}
