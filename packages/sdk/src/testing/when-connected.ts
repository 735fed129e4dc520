// Waits for a client's first connection: what a test (or a script) does before its first command when it
// wants a refused connection to fail loudly instead of leaving commands to wait.
import type { BidwireClient } from '../client.js';

/** Resolves once the client is connected; rejects with the server's refusal (its message, and `code` when it has one). */
export function whenConnected(client: BidwireClient): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.state === 'connected') return resolve();
    const offState = client.onState((state) => {
      if (state !== 'connected') return;
      offState();
      offError();
      resolve();
    });
    const offError = client.onConnectError((e) => {
      offState();
      offError();
      reject(Object.assign(new Error(e.message), { code: e.code }));
    });
  });
}
