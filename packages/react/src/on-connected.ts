// Calls `handler` each time the client becomes connected after the caller subscribed (a first connection
// or one that came back after a drop): what a hook re-reads then is state the SDK does not replay
// (REST lists, ephemeral values such as presence), since events may have been missed meanwhile.
import type { BidwireClient } from '@bidwire/sdk';

export function onConnected(client: BidwireClient, handler: () => void): () => void {
  return client.onState((state) => {
    if (state === 'connected') handler();
  });
}
