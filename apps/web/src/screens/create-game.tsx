// Create an auction game (it opens in the lobby; the creator takes a seat on the game's page like anyone else).
import { useBidwireRest } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { moneyInput, parseMoney } from '../format.js';

interface ItemRow {
  key: number;
  item: string;
  weight: string;
  value: string;
  quantity: string;
}

const PRESET: Array<Omit<ItemRow, 'key'>> = [
  { item: 'Saffron', weight: '0.5', value: moneyInput(1200), quantity: '3' },
  { item: 'Pepper', weight: '2', value: moneyInput(300), quantity: '4' },
  { item: 'Cardamom', weight: '1', value: moneyInput(600), quantity: '2' },
];

let nextKey = 0;
const row = (r: Omit<ItemRow, 'key'>): ItemRow => ({ key: ++nextKey, ...r });

export function CreateGame() {
  const rest = useBidwireRest();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [maxPlayers, setMaxPlayers] = useState('4');
  const [maxRounds, setMaxRounds] = useState('6');
  const [startMoney, setStartMoney] = useState(moneyInput(10_000));
  const [bidTime, setBidTime] = useState('10');
  const [sellTime, setSellTime] = useState('30');
  const [items, setItems] = useState<ItemRow[]>(() => PRESET.map(row));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const change = (key: number, field: keyof Omit<ItemRow, 'key'>, value: string) =>
    setItems((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const money = parseMoney(startMoney);
    const values = items.map((r) => parseMoney(r.value));
    if (money === null || values.some((v) => v === null)) return setError(new Error('Money is an amount in dollars, e.g. 12.50.'));
    setBusy(true);
    try {
      const game = await rest.createGame({
        body: {
          title,
          maxPlayers: Number(maxPlayers),
          maxRounds: Number(maxRounds),
          startMoney: money,
          bidTimeMs: Math.round(Number(bidTime) * 1000),
          sellTimeMs: Math.round(Number(sellTime) * 1000),
          items: items.map((r, i) => ({ item: r.item.trim(), weight: Number(r.weight), value: values[i]! })),
          startInventory: items.map((r) => ({ item: r.item.trim(), quantity: Number(r.quantity) })),
        },
      });
      navigate(`/play/${game.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="new-game-title">
      <h1 id="new-game-title">New game</h1>
      <div className="grid-form">
        <label>
          Title
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Players (2–16)
          <input type="number" min={2} max={16} step={1} required value={maxPlayers} onChange={(e) => setMaxPlayers(e.target.value)} />
        </label>
        <label>
          Rounds (1–200)
          <input type="number" min={1} max={200} step={1} required value={maxRounds} onChange={(e) => setMaxRounds(e.target.value)} />
        </label>
        <label>
          Start money (USD)
          <input inputMode="decimal" required value={startMoney} onChange={(e) => setStartMoney(e.target.value)} />
        </label>
        <label>
          <span>
            Bid time in seconds <span className="muted">(after the sale and after each bid)</span>
          </span>
          <input type="number" min={1} max={300} step="any" required value={bidTime} onChange={(e) => setBidTime(e.target.value)} />
        </label>
        <label>
          <span>
            Sell time in seconds <span className="muted">(to put up a bundle)</span>
          </span>
          <input type="number" min={1} max={300} step="any" required value={sellTime} onChange={(e) => setSellTime(e.target.value)} />
        </label>
      </div>

      <fieldset className="stack items-editor">
        <legend>Item types, and what every player starts with</legend>
        {items.map((r, i) => (
          <div key={r.key} className="item-row" role="group" aria-label={`Item ${i + 1}`}>
            <label>
              Item {i + 1} name
              <input required maxLength={40} value={r.item} onChange={(e) => change(r.key, 'item', e.target.value)} />
            </label>
            <label>
              Item {i + 1} weight
              <input type="number" min={0} step="any" required value={r.weight} onChange={(e) => change(r.key, 'weight', e.target.value)} />
            </label>
            <label>
              Item {i + 1} value (USD)
              <input inputMode="decimal" required value={r.value} onChange={(e) => change(r.key, 'value', e.target.value)} />
            </label>
            <label>
              Item {i + 1} start quantity
              <input type="number" min={0} step={1} required value={r.quantity} onChange={(e) => change(r.key, 'quantity', e.target.value)} />
            </label>
            <button type="button" className="secondary" disabled={items.length === 1} onClick={() => setItems((rows) => rows.filter((x) => x.key !== r.key))}>
              Remove item {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={items.length >= 20}
          onClick={() => setItems((rows) => [...rows, row({ item: '', weight: '1', value: moneyInput(100), quantity: '0' })])}
        >
          Add an item type
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        Create game
      </button>
    </form>
  );
}
