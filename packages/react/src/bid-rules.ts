// The client's view of SPEC §3's bid rule, for the bid box: the smallest amount the server accepts now.
import type { Lot } from '@bidwire/sdk';

/** Starting price for the first bid, then the highest bid plus the increment; null when no lot is open. */
export function minimumNextBid(lot: Pick<Lot, 'status' | 'highestBid' | 'startingPrice' | 'minIncrement'> | null): number | null {
  if (!lot || lot.status !== 'open') return null;
  return lot.highestBid === null ? lot.startingPrice : lot.highestBid + lot.minIncrement;
}
