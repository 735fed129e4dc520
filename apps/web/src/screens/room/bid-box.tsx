// The bid form: prefilled with the minimum next bid, with an optional maximum (the server then bids for me,
// only as much as needed to keep the lead); the leader can raise their maximum. Works with the keyboard
// (Enter submits) and shows the server's refusal as it is worded (e.g. "Bid must be higher than the current
// bid (1500)").
import type { AuctionView } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { BidAmountField, useBidAmount } from '../../components/bid-amount.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../components/use-action.js';
import { formatMoney, parseMoney } from '../../format.js';

export function BidBox({ a }: { a: AuctionView }) {
  return a.leading ? <RaiseMaximum a={a} /> : <PlaceBid a={a} />;
}

function PlaceBid({ a }: { a: AuctionView }) {
  const minimum = a.minimumBid;
  const bid = useBidAmount(minimum);
  const [maximum, setMaximum] = useState('');
  const { error, setError, busy, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const cents = parseMoney(bid.amount);
    const max = maximum.trim() === '' ? undefined : parseMoney(maximum);
    if (cents === null || max === null) return setError(new Error('Enter amounts in dollars, e.g. 12.50.'));
    if (max !== undefined && max < cents) return setError(new Error('Your maximum must be at least your bid.'));
    await run(async () => {
      await a.placeBid({ amount: cents, ...(max !== undefined ? { maxAmount: max } : {}) });
      bid.reset();
      setMaximum('');
    });
  };

  return (
    <form className="bid-box" onSubmit={submit} aria-label="Place a bid">
      <BidAmountField bid={bid} describedBy="minimum-bid" />
      <button type="submit" disabled={busy}>
        Place bid
      </button>
      <label className="maximum">
        <span>
          Your maximum (USD) <span className="muted">(optional)</span>
        </span>
        <input inputMode="decimal" value={maximum} aria-describedby="maximum-hint" onChange={(e) => setMaximum(e.target.value)} />
      </label>
      <p id="maximum-hint" className="muted">
        With a maximum, Bidwire bids for you, only as much as needed to keep the lead, up to that amount. Only you see it.
      </p>
      <p id="minimum-bid" className="muted" data-testid="minimum-bid">
        Minimum bid: {formatMoney(minimum)}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}

function RaiseMaximum({ a }: { a: AuctionView }) {
  const [maximum, setMaximum] = useState('');
  const { error, setError, busy, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const max = parseMoney(maximum);
    if (max === null) return setError(new Error('Enter an amount in dollars, e.g. 12.50.'));
    await run(async () => {
      await a.raiseMaximum(max);
      setMaximum('');
    });
  };

  return (
    <form className="bid-box" onSubmit={submit} aria-label="Raise your maximum">
      <label>
        New maximum (USD)
        <input inputMode="decimal" value={maximum} aria-describedby="raise-hint" onChange={(e) => setMaximum(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Set maximum
      </button>
      <p id="raise-hint" className="muted">
        You lead. Raise your maximum and Bidwire keeps bidding for you up to it; no new bid is placed now.
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
