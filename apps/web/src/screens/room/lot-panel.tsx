// The current lot: product, countdown on the server's clock, highest bid, and where I stand.
import { useCountdown, type AuctionView } from '@bidwire/react';
import { formatMoney } from '../../format.js';

export function LotPanel({ a }: { a: AuctionView }) {
  const lot = a.lot;
  const countdown = useCountdown(lot?.status === 'open' ? lot.endsAt : null);
  if (!lot) return <p className="muted">{a.auction?.status === 'live' ? 'Waiting for the seller to open a lot…' : 'No lot.'}</p>;
  const open = lot.status === 'open';
  return (
    <div className="lot" data-testid="lot" data-lot-status={lot.status}>
      <div className="row spread">
        <h2>{lot.product}</h2>
        {open && lot.endsAt && (
          <span className={`countdown ${countdown.secondsLeft !== null && countdown.secondsLeft <= 10 ? 'soon' : ''}`} data-testid="countdown" aria-label={`Time left ${countdown.label}`}>
            {countdown.ended ? 'Closing…' : countdown.label}
          </span>
        )}
      </div>
      {lot.description && <p>{lot.description}</p>}
      <dl className="facts">
        <div>
          <dt>Highest bid</dt>
          <dd data-testid="highest-bid">{lot.highestBid === null ? 'No bids yet' : formatMoney(lot.highestBid)}</dd>
        </div>
        <div>
          <dt>Bids</dt>
          <dd data-testid="bid-count">{lot.bidCount}</dd>
        </div>
        <div>
          <dt>Starting price</dt>
          <dd>{formatMoney(lot.startingPrice)}</dd>
        </div>
        {lot.weight !== null && (
          <div>
            <dt>Weight</dt>
            <dd>{lot.weight}</dd>
          </div>
        )}
      </dl>
      {open && a.leading && (
        <p className="standing lead" data-testid="standing">
          You lead
        </p>
      )}
      {open && a.outbid && (
        <p className="standing outbid" data-testid="standing">
          You have been outbid{a.recentBids[0]?.auto ? ' by a maximum bid' : ''}
        </p>
      )}
      {/* A plain bid is its own maximum (the server counts it so): show only a maximum above my bids. */}
      {open && a.myMaxBid !== null && (a.myTopBid === null || a.myMaxBid > a.myTopBid) && (
        <p className="muted" data-testid="my-maximum">
          Your maximum: {formatMoney(a.myMaxBid)}
          {a.outbid ? ' (exceeded)' : ''}
        </p>
      )}
      {!open && (
        <p className="closed" data-testid="lot-result" role="status">
          {a.lastClosed?.winner && a.lastClosed.winningBid
            ? `Sold to ${a.won ? 'you' : a.lastClosed.winner.name} for ${formatMoney(a.lastClosed.winningBid.amount)}`
            : lot.status === 'sold'
              ? `Sold for ${formatMoney(lot.highestBid)}`
              : 'Closed unsold'}
        </p>
      )}
    </div>
  );
}
