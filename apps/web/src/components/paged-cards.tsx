// A paged list of cards: "Loading…" until the first page, a message when it is empty, then the cards and a
// button for the next page while there is one.
import type { ReactNode } from 'react';

export function PagedCards<T extends { id: string }>({ items, cursor, load, label, empty, more, card }: {
  items: T[] | null;
  cursor: string | null;
  load(cursor: string): unknown;
  /** The list's accessible name. */
  label: string;
  empty: string;
  more: string;
  card(item: T): ReactNode;
}) {
  return (
    <>
      {items === null ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="cards" aria-label={label}>
          {items.map((item) => (
            <li key={item.id}>{card(item)}</li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="secondary" onClick={() => void load(cursor)}>
          {more}
        </button>
      )}
    </>
  );
}
