// The players around the table: connected or not, ready or not (lobby), money and how many items each holds
// (never which: inventories are private), the round's seller marked.
import { useBidwireUser, type GameView } from '@bidwire/react';
import { formatMoney } from '../../format.js';

const STATUS = { waiting: 'not ready', ready: 'ready', playing: 'playing', removed: 'removed' } as const;

export function PlayerList({ g }: { g: GameView }) {
  const me = useBidwireUser();
  const lobby = g.game?.status === 'lobby';
  const sellerId = g.game?.status === 'running' ? g.game.sellerId : null;
  return (
    <ul className="players" aria-label="Players" data-testid="players">
      {g.players.map((p) => {
        const mine = p.player.id === me?.id;
        return (
          <li key={p.player.id} className={p.status === 'removed' ? 'removed' : ''} data-player={p.player.name}>
            <span
              className={`presence ${p.connected ? 'online' : 'offline'}`}
              role="img"
              aria-label={p.connected ? `${p.player.name} is connected` : `${p.player.name} is disconnected`}
            />
            <span className="grow">
              <strong>{mine ? `${p.player.name} (you)` : p.player.name}</strong>
              {p.player.id === sellerId && <span className="tag">selling</span>}
            </span>
            {lobby ? (
              <span className={`status status-${p.status}`} data-testid="player-status">
                {STATUS[p.status]}
              </span>
            ) : (
              <span className="muted" data-testid="player-holdings">
                {formatMoney(p.money)} · {p.inventoryCount} {p.inventoryCount === 1 ? 'item' : 'items'}
                {p.status === 'removed' ? ' · removed' : ''}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
