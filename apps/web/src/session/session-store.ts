// The signed-in session of this tab: tokens and user in sessionStorage (so two windows can be two people),
// and getToken(), which refreshes the access token shortly before it expires (one refresh at a time).
import { BidwireError, type Me, type TokenPair } from '@bidwire/sdk';
import { publicRest } from '../server.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

const STORAGE_KEY = 'bidwire.session';
/** Refresh when less than this is left (or a third of a shorter lifetime), so a token never expires in flight. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = () => void;

class SessionStore {
  private current: Session | null = read();
  private listeners = new Set<Listener>();
  private refreshing: Promise<string | null> | null = null;

  get = (): Session | null => this.current;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signedIn(pair: TokenPair): void {
    this.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user });
  }

  async signOut(): Promise<void> {
    const session = this.current;
    this.set(null);
    // Revoke the refresh token; being signed out locally does not depend on it.
    if (session) await publicRest.logout({ body: { refreshToken: session.refreshToken } }).catch(() => undefined);
  }

  /** A valid access token, refreshed when close to expiry; null once signed out. */
  getToken = async (): Promise<string | null> => {
    const session = this.current;
    if (!session) return null;
    const { exp, lifetime } = timesOf(session.accessToken);
    if (exp - Date.now() > Math.min(REFRESH_MARGIN_MS, lifetime / 3)) return session.accessToken;
    return (this.refreshing ??= this.refresh(session).finally(() => (this.refreshing = null)));
  };

  private async refresh(session: Session): Promise<string | null> {
    try {
      const pair = await publicRest.refresh({ body: { refreshToken: session.refreshToken } });
      if (this.current?.refreshToken === session.refreshToken) this.signedIn(pair);
      return pair.accessToken;
    } catch (error) {
      // A refused refresh token (expired, revoked) ends the session; a network failure keeps it for a retry.
      if (error instanceof BidwireError && error.code === 'UNAUTHENTICATED') this.set(null);
      return this.current?.accessToken ?? null;
    }
  }

  private set(next: Session | null): void {
    this.current = next;
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener();
  }
}

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The token's expiry and lifetime in ms (expired when unreadable: refresh). The signature is the server's business. */
function timesOf(token: string): { exp: number; lifetime: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown; iat?: unknown };
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
    const lifetime = typeof claims.iat === 'number' ? exp - claims.iat * 1000 : Number.POSITIVE_INFINITY;
    return { exp, lifetime };
  } catch {
    return { exp: 0, lifetime: Number.POSITIVE_INFINITY };
  }
}

export const sessions = new SessionStore();
