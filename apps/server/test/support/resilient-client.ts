// SDK clients that reconnect by themselves (the harness's clients do not), and a way to cut a
// client's connection and give it back on cue, so tests decide what happens while it is away.
import { createClient, createRestClient, type BidwireClient, type ClientOptions } from '@bidwire/sdk';
import { onTestFinished } from 'vitest';
import { whenConnected } from '../harness.js';

const FAST_RECONNECT = { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 250, randomizationFactor: 0 };

/** A connected client that reconnects quickly; closed when the test ends. */
export async function resilientClient(
  url: string,
  auth: { token: string } | { getToken: () => Promise<string> },
  options: Partial<ClientOptions> = {},
): Promise<BidwireClient> {
  const client = createClient({
    url,
    ...auth,
    commandTimeoutMs: 5_000,
    offlineTimeoutMs: 20_000,
    ...options,
    socketOptions: { ...FAST_RECONNECT, ...options.socketOptions },
  } as ClientOptions);
  onTestFinished(() => client.close());
  await whenConnected(client);
  return client;
}

/** A getToken that rotates the refresh token on every call after the first (the way an app would). */
export function refreshingTokens(url: string, first: { token: string; refreshToken: string }) {
  const rest = createRestClient({ baseUrl: url });
  let pair = { accessToken: first.token, refreshToken: first.refreshToken };
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    getToken: async () => {
      if (calls++ > 0) pair = await rest.refresh({ body: { refreshToken: pair.refreshToken } });
      return pair.accessToken;
    },
  };
}

/** Drops the client's transport (like a network loss) and keeps it from reconnecting until `restore`. */
export async function cut(client: BidwireClient): Promise<void> {
  client.socket.io.reconnection(false);
  client.socket.io.engine.close();
  await waitFor(() => !client.socket.connected, 'the connection to drop');
}

/** Lets a cut client reconnect; resolves once it is connected again. */
export async function restore(client: BidwireClient): Promise<void> {
  client.socket.io.reconnection(true);
  client.socket.io.open();
  await waitFor(() => client.state === 'connected', 'the client to reconnect', 10_000);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every durable event of one kind a client delivers to its listeners, with its seq and replay flag. */
export function recordSeqs<E extends 'bidPlaced' | 'lotClosed' | 'lotExtended' | 'commentPosted'>(client: BidwireClient, event: E) {
  const seen: { seq: number; replayed: boolean; payload: unknown }[] = [];
  client.on(event, (p) => void seen.push({ seq: p.seq, replayed: p.replayed === true, payload: p }));
  return seen;
}
