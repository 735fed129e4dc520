// The amount of a bid form: prefilled with the minimum next bid, following it while the bidder has not typed
// their own amount (or theirs is now too low), and the field that shows it.
import { useEffect, useState } from 'react';
import { moneyInput, parseMoney } from '../format.js';

export interface BidAmount {
  amount: string;
  /** The bidder typed `value`: the field stops following the minimum. */
  type(value: string): void;
  /** After a bid: the field follows the minimum again. */
  reset(): void;
}

export function useBidAmount(minimum: number | null): BidAmount {
  const [amount, setAmount] = useState(minimum !== null ? moneyInput(minimum) : '');
  const [touched, setTouched] = useState(false);

  // Runs only when the minimum moves, reading the field as it is then.
  useEffect(() => {
    if (minimum === null) return;
    const typed = parseMoney(amount);
    if (!touched || typed === null || typed < minimum) {
      setAmount(moneyInput(minimum));
      setTouched(false);
    }
  }, [minimum]);

  return {
    amount,
    type: (value) => {
      setAmount(value);
      setTouched(true);
    },
    reset: () => setTouched(false),
  };
}

/** "Your bid (USD)" with its input, described by the element `describedBy` (the minimum bid line). */
export function BidAmountField({ bid, describedBy }: { bid: BidAmount; describedBy: string }) {
  return (
    <label>
      Your bid (USD)
      <input inputMode="decimal" value={bid.amount} aria-describedby={describedBy} onChange={(e) => bid.type(e.target.value)} />
    </label>
  );
}
