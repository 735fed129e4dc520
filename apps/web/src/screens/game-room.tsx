// A game's page: its lobby (ready, start), its table while it runs (sale, bids, countdown, holdings, results),
// and its final leaderboard. Opening a lobby game takes a seat in it (useGame joins the game).
import { useBidwireUser, useGame, type GameView } from '@bidwire/react';
import { Link } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { useToast } from '../components/toasts.js';
import { formatMoney } from '../format.js';
import { GameLobby } from './game/lobby.js';
import { Leaderboard } from './game/leaderboard.js';
import { GameTable } from './game/table.js';

export function GameRoom({ id }: { id: string }) {
  const me = useBidwireUser();
  const toast = useToast();
  const g: GameView = useGame(id, {
    // Live events only: the ones replayed after a reconnection update the page without a word.
    onEvent(e) {
      if ('replayed' in e.payload && e.payload.replayed) return;
      if (e.name === 'roundEnded' && e.payload.winnerId === me?.id && e.payload.amount !== null) {
        toast(`You bought the bundle for ${formatMoney(e.payload.amount)}`);
      } else if (e.name === 'roundStarted' && e.payload.sellerId === me?.id) {
        toast(`Round ${e.payload.round}: your turn to sell`);
      }
    },
  });

  if (g.status === 'loading') return <p className="muted">Joining the game…</p>;
  if (g.status === 'error' && !g.game) return <ErrorMessage error={g.error} />;
  if (g.status === 'deleted') {
    return (
      <section className="panel stack" role="status">
        <h1>{g.game?.title ?? 'Game'}</h1>
        <p>The creator deleted this game.</p>
        <Link href="/play">Back to the games</Link>
      </section>
    );
  }
  const game = g.game!;

  return (
    <div className="game stack">
      <header className="room-header">
        <div>
          <h1>{game.title}</h1>
          <p className="muted">
            by {game.creator.name} · <span className={`status status-${game.status}`}>{game.status}</span> · {game.playerCount}/{game.maxPlayers} players ·{' '}
            {game.maxRounds} {game.maxRounds === 1 ? 'round' : 'rounds'}
          </p>
        </div>
        <Link href="/play">All games</Link>
      </header>
      {g.status === 'not-joinable' && (
        <div className="banner banner-quiet" role="status" data-testid="not-joinable">
          {g.error?.message ?? 'You cannot join this game.'} Only its players can follow it.
        </div>
      )}
      <ErrorMessage error={g.status === 'error' ? g.error : null} />
      {g.status === 'joined' && game.status === 'lobby' && <GameLobby g={g} />}
      {g.status === 'joined' && game.status === 'running' && <GameTable g={g} />}
      {game.status === 'ended' && <Leaderboard g={g} />}
    </div>
  );
}
