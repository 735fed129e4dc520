// How services name users: by Bidwire user id, or (external identity provider mode) by the `sub`
// of the user's tokens. Resolves refs to user ids; unknown refs are reported, not guessed.
import type { DbOrTx } from '../../db/tx.js';

export async function resolveUserRefs(db: DbOrTx, refs: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
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
}
