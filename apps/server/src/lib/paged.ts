// Cursor pagination helpers for repositories: fetch one extra row to know whether a next page exists.
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export async function paged<T extends { id: string }>(limit: number, fetch: (take: number) => Promise<T[]>): Promise<Paged<T>> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Prisma's cursor arguments: start after the row with this id. */
export const afterCursor = (cursor: string | undefined): { cursor?: { id: string }; skip?: number } =>
  cursor ? { cursor: { id: cursor }, skip: 1 } : {};
