// My money and inventory (only I see them), and what my items are worth at the end.
import type { GameView } from '@bidwire/react';
import { formatMoney } from '../../format.js';
import { worthOf } from './items.js';

export function MyHoldings({ g }: { g: GameView }) {
  if (!g.you || !g.game) return null;
  const worth = worthOf(g.game.items, g.you.inventory);
  return (
    <section className="panel stack" aria-labelledby="holdings-title" data-testid="my-holdings">
      <h2 id="holdings-title">Your holdings</h2>
      <dl className="facts">
        <div>
          <dt>Money</dt>
          <dd data-testid="my-money">{formatMoney(g.you.money)}</dd>
        </div>
        <div>
          <dt>Items worth</dt>
          <dd>{formatMoney(worth)}</dd>
        </div>
        <div>
          <dt>Score so far</dt>
          <dd>{formatMoney(g.you.money + worth)}</dd>
        </div>
      </dl>
      <ul className="inventory" aria-label="Your inventory" data-testid="my-inventory">
        {g.you.inventory.map((e) => (
          <li key={e.item}>
            <span>{e.item}</span> <strong>{e.quantity}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
