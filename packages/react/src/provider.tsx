// BidwireProvider: one Bidwire client per app (socket and REST), created on mount and closed on unmount,
// with the access token asked from `getToken` on every (re)connection and every REST call.
import {
  createClient,
  createRestClient,
  type BidwireClient,
  type ClientOptions,
  type RestClient,
  type TokenGetter,
} from '@bidwire/sdk';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { BidwireContext, type BidwireUser } from './context.js';

/** createClient() options the provider passes through (it sets url, getToken and autoConnect itself). */
export type ProviderClientOptions = Omit<ClientOptions, 'url' | 'token' | 'getToken' | 'autoConnect'>;

export type BidwireProviderProps = {
  children?: ReactNode;
  /** The signed-in user; hooks use its id for "my bid", "you lead" and "my message". */
  user?: BidwireUser | null;
} & (
  | {
      /** Server origin, e.g. `https://api.example.com` (read once: give the provider a `key` to switch). */
      url: string;
      /**
       * Returns a valid access token (refreshing it when it is about to expire). Called on every
       * connection and reconnection, after `sessionExpired`, and before every REST call.
       */
      getToken: TokenGetter;
      clientOptions?: ProviderClientOptions;
      client?: undefined;
      rest?: undefined;
    }
  | {
      /** A client the app created and owns (tests, or several providers sharing one client). Not closed on unmount. */
      client: BidwireClient;
      /** The REST client the list hooks read with (authenticated like `client`). */
      rest: RestClient;
      url?: undefined;
      getToken?: undefined;
      clientOptions?: undefined;
    }
);

export function BidwireProvider(props: BidwireProviderProps) {
  // The latest getToken, so a new function on each render needs no new client.
  const getTokenRef = useRef(props.getToken);
  getTokenRef.current = props.getToken;
  const ownsClient = props.client === undefined;
  const url = props.url;

  const make = (): BidwireClient =>
    createClient({
      ...props.clientOptions,
      url: url!,
      getToken: () => getTokenRef.current!(),
      // Connected in the effect below: render must stay free of side effects (StrictMode renders twice).
      autoConnect: false,
    });
  const [owned, setOwned] = useState<BidwireClient | null>(() => (ownsClient ? make() : null));

  useEffect(() => {
    if (!ownsClient || !owned) return;
    let current = owned;
    // StrictMode (development) unmounts and mounts again: the first client was closed, make another.
    if (closedClients.has(current)) {
      current = make();
      setOwned(current);
    }
    current.connect();
    return () => {
      closedClients.add(current);
      current.close();
    };
    // Mount and unmount only: `url` is read once (documented), getToken goes through the ref.
  }, []);

  const client = props.client ?? owned!;
  const rest = useMemo(
    () => props.rest ?? createRestClient({ baseUrl: url!, getToken: () => getTokenRef.current!() }),
    [props.rest, url],
  );
  const user = props.user ?? null;
  const value = useMemo(() => ({ client, rest, user }), [client, rest, user]);
  return <BidwireContext.Provider value={value}>{props.children}</BidwireContext.Provider>;
}

const closedClients = new WeakSet<BidwireClient>();
