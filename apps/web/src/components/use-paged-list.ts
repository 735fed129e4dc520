// A REST list read page by page (cursor pagination): the items so far, the next cursor, the last error, and
// `load(null)` to start again from the first page or `load(cursor)` to append the next one. `fetchPage` changing
// (a new filter) means a new list: pass it through useCallback.
import { useCallback, useEffect, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (after: string | null) => {
      setError(null);
      try {
        const page = await fetchPage(after);
        setItems((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(err);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    setItems(null);
    void load(null);
  }, [load]);

  return { items, cursor, error, load };
}
