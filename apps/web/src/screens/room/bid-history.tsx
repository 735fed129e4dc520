// Bids on the current lot, highest first; automatic bids (placed by the server for a maximum) marked.
import { useBidwireUser, type AuctionView } from '@bidwire/react';
import { formatMoney, formatTime } from '../../format.js';

export function BidHistory({ a }: { a: AuctionView }) {
  const me = useBidwireUser();
  if (!a.lot) return null;
  return (
    <section aria-labelledby="bid-history-title">
      <h3 id="bid-history-title">Bid history</h3>
      {a.recentBids.length === 0 ? (
        <p className="muted">No bids yet.</p>
      ) : (
        <ol className="bids" data-testid="bid-history">
          {a.recentBids.map((bid, i) => (
            <li key={bid.id} className={i === 0 ? 'top' : ''}>
              <span>
                {bid.user.id === me?.id ? 'You' : bid.user.name}
                {bid.auto && (
                  <span className="tag" title="Placed by Bidwire for a maximum bid">
                    auto
                  </span>
                )}
              </span>
              <strong>{formatMoney(bid.amount)}</strong>
              <time dateTime={bid.createdAt}>{formatTime(bid.createdAt)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
