// How the last rounds ended: the bundle revealed, who bought it and for how much (or unsold, or forfeited).
import type { GameView, RoundResult } from '@bidwire/react';
import { formatMoney } from '../../format.js';
import { formatWeight, itemsText, worthOf } from './items.js';

export function RoundResults({ g }: { g: GameView }) {
  if (g.results.length === 0) return null;
  return (
    <section aria-labelledby="results-title" className="stack">
      <h3 id="results-title">Round results</h3>
      <ol className="results" data-testid="round-results">
        {g.results.map((r) => (
          <li key={r.round} data-round={r.round}>
            {describe(g, r)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(g: GameView, r: RoundResult): string {
  const you = g.me?.player.id;
  const who = (id: string | null) => (id === you ? 'you' : g.nameOf(id));
  if (!r.sale) return `Round ${r.round}: nothing was sold (the seller ran out of time).`;
  const seller = who(r.sale.sellerId);
  const worth = g.game ? ` worth ${formatMoney(worthOf(g.game.items, r.sale.items))}` : '';
  const bundle = `${itemsText(r.sale.items)} (weight ${formatWeight(r.sale.weight)},${worth})`;
  if (!r.winnerId || r.amount === null) return `Round ${r.round}: ${seller} offered ${bundle}: no bids, it stays with ${seller === 'you' ? 'you' : 'them'}.`;
  const buyer = who(r.winnerId);
  return `Round ${r.round}: ${buyer === 'you' ? 'You' : buyer} bought ${seller}’s ${bundle} for ${formatMoney(r.amount)}.`;
}
