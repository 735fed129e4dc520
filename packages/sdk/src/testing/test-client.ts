// createTestClient(): a real BidwireClient wired to a fresh in-memory FakeServer, for app tests.
import { createClient, type BidwireClient, type ClientOptions, type TokenGetter } from '@bidwire/sdk';
import { FakeServer, type FakeServerOptions } from './fake-server.js';

export type TestClientOptions = Partial<Omit<ClientOptions, 'url' | 'token' | 'getToken'>> & {
  /** Connect to this server instead of a new one (several clients on one server). */
  server?: FakeServer;
  /** Options of the new server (ignored with `server`). */
  serverOptions?: FakeServerOptions;
  /** The handshake token. Default `test-token`. */
  token?: string;
  getToken?: TokenGetter;
};

export interface TestClient {
  client: BidwireClient;
  server: FakeServer;
}

/** A client connected (it connects at once, unless `autoConnect: false`) to an in-memory fake server. */
export function createTestClient(options: TestClientOptions = {}): TestClient {
  const { server: given, serverOptions, token, getToken, socketOptions, ...rest } = options;
  const server = given ?? new FakeServer(serverOptions);
  const wiring = server.clientOptions();
  const client = createClient({
    ...rest,
    ...(getToken ? { getToken } : { token: token ?? 'test-token' }),
    url: wiring.url,
    socketOptions: { ...wiring.socketOptions, ...socketOptions },
  });
  return { client, server };
}

/** A new in-memory server; connect clients with `createClient({ ...server.clientOptions(), token })`. */
export function createFakeServer(options?: FakeServerOptions): FakeServer {
  return new FakeServer(options);
}
