// The final leaderboard: positions (equal scores share one: 1, 1, 3), scores, money and items; removed players apart.
import type { GameView } from '@bidwire/react';
import { formatMoney } from '../../format.js';
import { itemsText } from './items.js';
import { RoundResults } from './round-results.js';

export function Leaderboard({ g }: { g: GameView }) {
  const me = g.me?.player.id;
  const ranked = g.standings?.filter((s) => !s.removed) ?? [];
  const removed = g.standings?.filter((s) => s.removed) ?? [];
  return (
    <section className="panel stack" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Final leaderboard</h2>
      {!g.standings ? (
        <p className="muted">{g.status === 'joined' ? 'Reading the results…' : 'The results are shown to the game’s players.'}</p>
      ) : (
        <table className="grid-table leaderboard" data-testid="leaderboard">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Player</th>
              <th scope="col">Score</th>
              <th scope="col">Money</th>
              <th scope="col">Items</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((s) => (
              <tr key={s.player.id} className={s.player.id === me ? 'mine' : ''}>
                <td>{s.position}</td>
                <th scope="row">{s.player.id === me ? `${s.player.name} (you)` : s.player.name}</th>
                <td>{formatMoney(s.score)}</td>
                <td>{formatMoney(s.money)}</td>
                <td>{itemsText(s.inventory)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removed.length > 0 && (
        <p className="muted" data-testid="removed-players">
          Removed during the game: {removed.map((s) => `${s.player.name} (${formatMoney(s.score)})`).join(', ')}
        </p>
      )}
      <RoundResults g={g} />
    </section>
  );
}
