// The React context BidwireProvider fills: the app's one socket client, its REST client and who is signed in.
import type { BidwireClient, RestClient } from '@bidwire/sdk';
import { createContext } from 'react';

/** The signed-in user as hooks need it: `id` decides "my bid", "you lead", "my message". */
export interface BidwireUser {
  id: string;
  name?: string;
}

export interface BidwireContextValue {
  client: BidwireClient;
  rest: RestClient;
  user: BidwireUser | null;
}

export const BidwireContext = createContext<BidwireContextValue | null>(null);
BidwireContext.displayName = 'BidwireContext';
