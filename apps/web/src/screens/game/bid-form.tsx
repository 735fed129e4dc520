// A bid on the round's bundle: prefilled with the minimum next bid (highest + $0.01), at most my money. Works
// with the keyboard (Enter bids) and shows the server's refusal as it is worded.
import type { GameView } from '@bidwire/react';
import type { FormEvent } from 'react';
import { BidAmountField, useBidAmount } from '../../components/bid-amount.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../components/use-action.js';
import { formatMoney, parseMoney } from '../../format.js';

export function GameBidForm({ g }: { g: GameView }) {
  const minimum = g.minimumBid;
  const bid = useBidAmount(minimum);
  const { error, setError, busy, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const cents = parseMoney(bid.amount);
    if (cents === null) return setError(new Error('Enter an amount in dollars, e.g. 12.50.'));
    await run(async () => {
      await g.bid(cents);
      bid.reset();
    });
  };

  return (
    <form className="bid-box" onSubmit={submit} aria-label="Bid on the bundle">
      <BidAmountField bid={bid} describedBy="game-bid-limits" />
      <button type="submit" disabled={busy}>
        Bid
      </button>
      <p id="game-bid-limits" className="muted" data-testid="minimum-game-bid">
        Minimum bid: {formatMoney(minimum)} · You have {formatMoney(g.maximumBid)}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
