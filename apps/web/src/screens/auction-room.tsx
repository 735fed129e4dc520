// The live room: the current lot with a countdown every client agrees on, the highest bid, the bid box,
// bid history, comments, viewers and the broadcaster; the owner's console above it for the owner.
import { useAuction, useBidwireRest, useBidwireUser } from '@bidwire/react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { useToast } from '../components/toasts.js';
import { formatMoney } from '../format.js';
import { BidBox } from './room/bid-box.js';
import { BidHistory } from './room/bid-history.js';
import { Comments } from './room/comments.js';
import { LotPanel } from './room/lot-panel.js';
import { OwnerConsole } from './room/owner-console.js';

export function AuctionRoom({ id }: { id: string }) {
  const me = useBidwireUser();
  const toast = useToast();
  const a = useAuction(id, {
    // Live events only: the ones replayed after a reconnection update the page without a word.
    onEvent(e) {
      if ('replayed' in e.payload && e.payload.replayed) return;
      if (e.name === 'bidPlaced' && e.payload.bid.user.id !== me?.id) {
        toast(`${e.payload.bid.user.name} bid ${formatMoney(e.payload.bid.amount)}${e.payload.bid.auto ? ' (automatic)' : ''}`);
      } else if (e.name === 'lotOpened') toast('A new lot is open');
      else if (e.name === 'outbid') toast(`You have been outbid: the highest bid is ${formatMoney(e.payload.highestBid)}`);
    },
  });

  if (a.status === 'loading') return <p className="muted">Joining the auction…</p>;
  if (a.status === 'error' && !a.auction) return <ErrorMessage error={a.error} />;
  const auction = a.auction!;

  return (
    <div className="room">
      <header className="room-header">
        <div>
          <h1>{auction.title}</h1>
          <p className="muted">
            by {auction.owner.name} · <span className={`status status-${auction.status}`}>{auction.status}</span>
            {a.status === 'joined' && (
              <>
                {' '}
                · <span data-testid="viewers">{a.viewerCount} watching</span>
              </>
            )}
          </p>
          {auction.description && <p>{auction.description}</p>}
        </div>
        {!a.isOwner && <MessageSeller ownerId={auction.owner.id} />}
      </header>

      {auction.status === 'live' && (
        <div className={`banner ${a.broadcasterPresent ? 'banner-live' : 'banner-quiet'}`} role="status" data-testid="broadcaster">
          {a.broadcasterPresent && <span className="live-dot" aria-hidden="true" />}
          {a.broadcasterPresent ? `${auction.owner.name} is broadcasting live` : `${auction.owner.name} is not broadcasting right now`}
        </div>
      )}
      {auction.status === 'canceled' && <div className="banner banner-warning">{a.canceledMessage ?? 'This auction was canceled.'}</div>}
      {auction.status === 'ended' && <div className="banner banner-quiet">This auction has ended.</div>}
      {auction.status === 'scheduled' && <div className="banner banner-quiet">This auction has not started yet. This page joins it when it does.</div>}
      <ErrorMessage error={a.status === 'error' ? a.error : null} />

      {a.isOwner && <OwnerConsole auction={a} />}

      <div className="room-grid">
        <section className="panel stack" aria-label="Current lot">
          <LotPanel a={a} />
          {!a.isOwner && a.lot?.status === 'open' && <BidBox a={a} />}
          <BidHistory a={a} />
        </section>
        <Comments a={a} />
      </div>
    </div>
  );
}

function MessageSeller({ ownerId }: { ownerId: string }) {
  const rest = useBidwireRest();
  const [, navigate] = useLocation();
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    setError(null);
    try {
      const conversation = await rest.createConversation({ body: { participantIds: [ownerId] } });
      navigate(`/chat/${conversation.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <button type="button" className="secondary" onClick={() => void open()}>
        Message the seller
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}

