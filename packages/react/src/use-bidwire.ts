// Access to what BidwireProvider holds: the socket client, the REST client and the signed-in user.
import type { BidwireClient, RestClient } from '@bidwire/sdk';
import { useContext } from 'react';
import { BidwireContext, type BidwireContextValue, type BidwireUser } from './context.js';

function useBidwireContext(hook: string): BidwireContextValue {
  const value = useContext(BidwireContext);
  if (!value) throw new Error(`${hook}() must be used inside <BidwireProvider>.`);
  return value;
}

/** The app's Bidwire socket client (every contract command is a method of it). */
export function useBidwireClient(): BidwireClient {
  return useBidwireContext('useBidwireClient').client;
}

/** The typed REST client, authenticated like the socket client. */
export function useBidwireRest(): RestClient {
  return useBidwireContext('useBidwireRest').rest;
}

/** The signed-in user given to the provider, or null. */
export function useBidwireUser(): BidwireUser | null {
  return useBidwireContext('useBidwireUser').user;
}
