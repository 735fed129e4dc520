// The lobby: who has taken a seat and who is ready; "I'm ready"; the creator starts once everyone is.
import type { GameView } from '@bidwire/react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../components/use-action.js';
import { formatMoney } from '../../format.js';
import { formatWeight, itemsText } from './items.js';
import { PlayerList } from './players.js';

export function GameLobby({ g }: { g: GameView }) {
  const [, navigate] = useLocation();
  const { error, busy, run } = useAction();
  const game = g.game!;
  const ready = g.me?.status === 'ready';

  return (
    <div className="room-grid">
      <section className="panel stack" aria-labelledby="lobby-title">
        <h2 id="lobby-title">Lobby</h2>
        <PlayerList g={g} />
        {g.isPlayer ? (
          <div className="row wrap">
            <button type="button" aria-pressed={ready} disabled={busy} onClick={() => void run(() => g.setReady(!ready))}>
              {ready ? 'I’m not ready' : 'I’m ready'}
            </button>
            {g.isCreator && (
              <button type="button" disabled={busy || !g.canStart} aria-describedby="start-hint" onClick={() => void run(g.start)}>
                Start game
              </button>
            )}
            <button type="button" className="secondary" disabled={busy} onClick={() => void run(async () => (await g.leave(), navigate('/play')))}>
              Leave game
            </button>
          </div>
        ) : (
          <p className="muted">You are not a player of this game.</p>
        )}
        {g.isCreator && (
          <p id="start-hint" className="muted" data-testid="start-hint">
            {g.canStart ? 'Everyone is ready: you can start.' : 'You can start once at least two players have joined and everyone is ready.'}
          </p>
        )}
        <ErrorMessage error={error} />
      </section>
      <section className="panel stack" aria-labelledby="rules-title">
        <h2 id="rules-title">This game</h2>
        <dl className="facts">
          <div>
            <dt>Start money</dt>
            <dd>{formatMoney(game.startMoney)}</dd>
          </div>
          <div>
            <dt>Rounds</dt>
            <dd>{game.maxRounds}</dd>
          </div>
          <div>
            <dt>Bid time</dt>
            <dd>{game.bidTimeMs / 1000} s</dd>
          </div>
          <div>
            <dt>Sell time</dt>
            <dd>{game.sellTimeMs / 1000} s</dd>
          </div>
        </dl>
        <table className="grid-table">
          <caption>Item types</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Weight</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {game.items.map((it) => (
              <tr key={it.item}>
                <th scope="row">{it.item}</th>
                <td>{formatWeight(it.weight)}</td>
                <td>{formatMoney(it.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Everyone starts with {itemsText(game.startInventory)}.</p>
      </section>
    </div>
  );
}
