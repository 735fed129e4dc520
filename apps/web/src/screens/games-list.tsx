// Auction games, newest first, filtered by status: join one in its lobby, open the others, or create one.
import { useBidwireRest } from '@bidwire/react';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { PagedCards } from '../components/paged-cards.js';
import { StatusFilter } from '../components/status-filter.js';
import { usePagedList } from '../components/use-paged-list.js';

type Filter = '' | 'lobby' | 'running' | 'ended';
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: '', label: 'All' },
  { value: 'lobby', label: 'In the lobby' },
  { value: 'running', label: 'Running' },
  { value: 'ended', label: 'Ended' },
];

export function GamesList() {
  const rest = useBidwireRest();
  const [status, setStatus] = useState<Filter>('');
  const fetchPage = useCallback(
    (after: string | null) => rest.listGames({ query: { limit: 20, ...(status ? { status } : {}), ...(after ? { cursor: after } : {}) } }),
    [rest, status],
  );
  const { items, cursor, error, load } = usePagedList(fetchPage);

  return (
    <section className="stack">
      <header className="row spread">
        <h1>Games</h1>
        <Link href="/play/new" className="button">
          New game
        </Link>
      </header>
      <p className="muted">
        The AuctiOn trading game: each round one player sells a secret bundle of items and the others bid on it, knowing only its weight.
        The highest money plus the worth of your items wins.
      </p>
      <div className="row wrap">
        <StatusFilter value={status} options={FILTERS} onChange={setStatus} />
        <button type="button" className="secondary" onClick={() => void load(null)}>
          Refresh
        </button>
      </div>
      <ErrorMessage error={error} />
      <PagedCards
        items={items}
        cursor={cursor}
        load={load}
        label="Games"
        empty={`No games${status ? ' with this status' : ''} yet. Create one!`}
        more="More games"
        card={(g) => {
          const open = g.status === 'lobby' && g.playerCount < g.maxPlayers;
          return (
            <Link href={`/play/${g.id}`} className="card" aria-label={`${open ? 'Join' : 'Open'} ${g.title}`}>
              <span className={`status status-${g.status}`}>{g.status === 'lobby' ? 'lobby' : g.status}</span>
              <strong>{g.title}</strong>
              <span className="muted">
                by {g.creator.name} · {g.playerCount}/{g.maxPlayers} players · {g.maxRounds} {g.maxRounds === 1 ? 'round' : 'rounds'}
              </span>
              <span className="card-action">{open ? 'Join' : 'Open'}</span>
            </Link>
          );
        }}
      />
    </section>
  );
}
