// The seller's form: how many of each item to put in the bundle, from my inventory (only the weight is shown
// to the others). Works with the keyboard: Enter puts the bundle up.
import type { GameView } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { formatWeight, weightOf } from './items.js';

export function SaleForm({ g }: { g: GameView }) {
  const inventory = (g.you?.inventory ?? []).filter((e) => e.quantity > 0);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const items = inventory.map((e) => ({ item: e.item, quantity: Math.max(0, Math.floor(Number(counts[e.item] ?? '0')) || 0) }));
  const weight = weightOf(g.game?.items ?? [], items);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const over = items.find((it) => it.quantity > (inventory.find((e) => e.item === it.item)?.quantity ?? 0));
    if (over) return setError(new Error(`You hold fewer ${over.item} than that.`));
    if (items.every((it) => it.quantity === 0)) return setError(new Error('Choose at least one item to sell.'));
    setBusy(true);
    try {
      await g.sell(items.filter((it) => it.quantity > 0));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (inventory.length === 0) return <p className="muted">You have no items left to sell: the round will pass when the time runs out.</p>;
  return (
    <form className="stack sale-form" onSubmit={submit} aria-labelledby="sale-form-title">
      <h3 id="sale-form-title">Your bundle</h3>
      <div className="grid-form">
        {inventory.map((e) => (
          <label key={e.item}>
            <span>
              {e.item} <span className="muted">(you have {e.quantity})</span>
            </span>
            <input
              type="number"
              min={0}
              max={e.quantity}
              step={1}
              value={counts[e.item] ?? '0'}
              onChange={(ev) => setCounts((c) => ({ ...c, [e.item]: ev.target.value }))}
            />
          </label>
        ))}
      </div>
      <p className="muted" data-testid="sale-weight">
        Bidders will see only its weight: {formatWeight(weight)}
      </p>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        Put up for sale
      </button>
    </form>
  );
}
