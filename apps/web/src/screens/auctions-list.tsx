// Auctions, newest first, filtered by status; a list that follows auctions going live.
import { useBidwireClient, useBidwireRest } from '@bidwire/react';
import type { AuctionStatus } from '@bidwire/sdk';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { PagedCards } from '../components/paged-cards.js';
import { StatusFilter } from '../components/status-filter.js';
import { usePagedList } from '../components/use-paged-list.js';

const FILTERS: Array<{ value: AuctionStatus | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'live', label: 'Live' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'ended', label: 'Ended' },
  { value: 'canceled', label: 'Canceled' },
];

export function AuctionsList() {
  const rest = useBidwireRest();
  const client = useBidwireClient();
  const [status, setStatus] = useState<AuctionStatus | ''>('');
  const fetchPage = useCallback(
    (after: string | null) => rest.listAuctions({ query: { limit: 20, ...(status ? { status } : {}), ...(after ? { cursor: after } : {}) } }),
    [rest, status],
  );
  const { items, cursor, error, load } = usePagedList(fetchPage);
  // An auction going live changes the list (and its status filter).
  useEffect(() => client.on('auctionStarted', () => void load(null)), [client, load]);

  return (
    <section className="stack">
      <header className="row spread">
        <h1>Auctions</h1>
        <Link href="/new" className="button">
          New auction
        </Link>
      </header>
      <StatusFilter value={status} options={FILTERS} onChange={setStatus} />
      <ErrorMessage error={error} />
      <PagedCards
        items={items}
        cursor={cursor}
        load={load}
        label="Auctions"
        empty={`No auctions${status ? ` with status ${status}` : ''} yet. Create one!`}
        more="More auctions"
        card={(a) => (
          <Link href={`/room/${a.id}`} className="card">
            <span className={`status status-${a.status}`}>{a.status}</span>
            <strong>{a.title}</strong>
            <span className="muted">by {a.owner.name}</span>
          </Link>
        )}
      />
    </section>
  );
}
