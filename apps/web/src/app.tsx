// The app: sign-in until there is a session, then one Bidwire client for the tab (BidwireProvider) and
// the screens. Routes avoid the API's paths (/room, /chat, /play…), so a reload of any page gets the app.
import { BidwireProvider, useConversations } from '@bidwire/react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ConnectionStatus } from './components/connection-status.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { GavelIcon } from './components/icons.js';
import { NotificationBell } from './components/notification-bell.js';
import { ToastProvider } from './components/toasts.js';
import { AuctionRoom } from './screens/auction-room.js';
import { AuctionsList } from './screens/auctions-list.js';
import { Chat } from './screens/chat.js';
import { CreateAuction } from './screens/create-auction.js';
import { CreateGame } from './screens/create-game.js';
import { GameRoom } from './screens/game-room.js';
import { GamesList } from './screens/games-list.js';
import { NotFound } from './screens/not-found.js';
import { SignIn } from './screens/sign-in.js';
import { SERVER_URL } from './server.js';
import { sessions } from './session/session-store.js';
import { useSession } from './session/use-session.js';

export function App() {
  const session = useSession();
  if (!session) return <SignIn />;
  return (
    // A new user gets a new client: nothing of the previous session's rooms or events carries over.
    <BidwireProvider key={session.user.id} url={SERVER_URL} getToken={sessions.getToken} user={session.user}>
      <ToastProvider>
        <Shell name={session.user.name} />
      </ToastProvider>
    </BidwireProvider>
  );
}

function Shell({ name }: { name: string }) {
  const [location] = useLocation();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          <GavelIcon /> Bidwire
        </Link>
        <nav aria-label="Main" className="row">
          <Link href="/">Auctions</Link>
          <Link href="/new">New auction</Link>
          <Link href="/play">Games</Link>
          <ChatLink />
        </nav>
        <div className="row">
          <ConnectionStatus />
          <NotificationBell />
          <span className="muted" data-testid="me">
            {name}
          </span>
          <button type="button" className="secondary" onClick={() => void sessions.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">
        <ErrorBoundary resetKey={location}>
          <Switch>
            <Route path="/" component={AuctionsList} />
            <Route path="/new" component={CreateAuction} />
            <Route path="/room/:id">{(params) => <AuctionRoom key={params.id} id={params.id} />}</Route>
            <Route path="/play" component={GamesList} />
            <Route path="/play/new" component={CreateGame} />
            <Route path="/play/:id">{(params) => <GameRoom key={params.id} id={params.id} />}</Route>
            <Route path="/chat">{() => <Chat />}</Route>
            <Route path="/chat/:id">{(params) => <Chat id={params.id} />}</Route>
            <Route component={NotFound} />
          </Switch>
        </ErrorBoundary>
      </main>
    </>
  );
}

function ChatLink() {
  const { unreadTotal } = useConversations();
  return (
    <Link href="/chat" aria-label={unreadTotal > 0 ? `Chat, ${unreadTotal} unread` : 'Chat'}>
      Chat {unreadTotal > 0 && <span className="badge">{unreadTotal}</span>}
    </Link>
  );
}
