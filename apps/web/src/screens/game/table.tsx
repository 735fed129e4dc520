// The table while the game runs: the round and its countdown (on the server's clock, so every player sees the
// same), the seller's sale form or the sale up for bids, my holdings, the players, and the rounds' results.
import type { GameView } from '@bidwire/react';
import { formatMoney } from '../../format.js';
import { GameBidForm } from './bid-form.js';
import { MyHoldings } from './holdings.js';
import { formatWeight, itemsText } from './items.js';
import { PlayerList } from './players.js';
import { RoundResults } from './round-results.js';
import { SaleForm } from './sale-form.js';

export function GameTable({ g }: { g: GameView }) {
  const game = g.game!;
  const phase = game.phase;
  const sellerName = g.seller?.name ?? g.nameOf(game.sellerId);
  const mine = g.me !== null && game.sellerId === g.me.player.id;

  return (
    <div className="room-grid">
      <section className="panel stack" aria-labelledby="round-title" data-testid="table" data-phase={phase ?? 'settling'}>
        <div className="row spread">
          <h2 id="round-title">
            Round {game.round} of {game.maxRounds}
          </h2>
          {phase && game.endsAt && (
            <span className={`countdown ${g.countdown.secondsLeft !== null && g.countdown.secondsLeft <= 5 ? 'soon' : ''}`} data-testid="countdown" aria-label={`Time left ${g.countdown.label}`}>
              {g.countdown.label}
            </span>
          )}
        </div>
        <p className="phase" role="status" data-testid="phase">
          {phase === 'selling' && (mine ? 'Your turn to sell: choose a bundle from your inventory.' : `${sellerName} is choosing a bundle to sell…`)}
          {phase === 'bidding' && (mine ? 'Your bundle is up for bids.' : `${sellerName} is selling a bundle: bid on it.`)}
          {!phase && 'The round is being settled…'}
        </p>

        {phase === 'selling' && g.canSell && <SaleForm g={g} />}

        {phase === 'bidding' && game.sale && (
          <div className="stack">
            <dl className="facts">
              <div>
                <dt>Bundle weight</dt>
                <dd data-testid="bundle-weight">{formatWeight(game.sale.weight)}</dd>
              </div>
              <div>
                <dt>Highest bid</dt>
                <dd data-testid="game-highest-bid">
                  {game.highestBid ? `${formatMoney(game.highestBid.amount)} by ${g.nameOf(game.highestBid.playerId)}` : 'No bids yet'}
                </dd>
              </div>
            </dl>
            {mine && g.mySale && (
              <p className="muted" data-testid="my-sale">
                You are selling {itemsText(g.mySale.items)}. The others learn what it was when the round ends.
              </p>
            )}
            {g.canBid && <GameBidForm g={g} />}
            {g.bids.length > 0 && (
              <section aria-labelledby="round-bids-title">
                <h3 id="round-bids-title">Bids this round</h3>
                <ol className="bids" data-testid="round-bids">
                  {g.bids.map((b, i) => (
                    <li key={`${b.playerId}-${b.amount}`} className={i === 0 ? 'top' : ''}>
                      <span>{b.playerId === g.me?.player.id ? 'You' : g.nameOf(b.playerId)}</span>
                      <strong>{formatMoney(b.amount)}</strong>
                      <span />
                    </li>
                  ))}
                </ol>
              </section>
            )}
          </div>
        )}
        <RoundResults g={g} />
      </section>
      <div className="stack">
        <MyHoldings g={g} />
        <section className="panel stack" aria-labelledby="players-title">
          <h2 id="players-title">Players</h2>
          <PlayerList g={g} />
        </section>
      </div>
    </div>
  );
}
