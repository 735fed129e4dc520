// Starts the real server on an ephemeral port with a fresh SQLite file, and hands out signed-in
// users with real SDK clients. `await using` closes everything.
import { createClient, createRestClient, type BidwireClient } from '@bidwire/sdk';
import { whenConnected } from '@bidwire/sdk/testing';
import { buildApp, type BidwireApp, type BuildOptions } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DEFAULT_RATE_LIMITS } from '../src/core/ports/rate-limiter.js';
import { phoneNumbers } from './support/phones.js';
import { createTestDatabase } from './support/test-database.js';

/** Resolves once the client is connected; rejects with the server's refusal (message and code). */
export { whenConnected };

export interface TestUser {
  id: string;
  name: string;
  phone: string;
  token: string;
  refreshToken: string;
  rest: ReturnType<typeof createRestClient>;
  /** Opens a new connected SDK client (a new "tab") for this user. */
  connect(): Promise<BidwireClient>;
}

export interface TestServer extends AsyncDisposable {
  url: string;
  server: BidwireApp;
  rest: ReturnType<typeof createRestClient>;
  signIn(name: string, opts?: { phone?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

const nextPhone = phoneNumbers('+1555');

/** The redis test project runs every server in multi-node mode, each under its own key prefix. */
const redisEnv = (): Record<string, string> =>
  process.env.BIDWIRE_TEST_REDIS_URL
    ? { REDIS_URL: process.env.BIDWIRE_TEST_REDIS_URL, REDIS_KEY_PREFIX: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` }
    : {};

/** RATE_LIMITS with every per-command bucket the server has at `perSecond` (a bucket added later is lifted too). */
export const everyRateLimitAt = (perSecond: number) =>
  Object.keys(DEFAULT_RATE_LIMITS).map((bucket) => `${bucket}=${perSecond}`).join(',');

export async function startServer(env: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    OTP_DEV_ECHO: '1',
    // The suite signs hundreds of users in from one address; test/rest-limits.test.ts checks the default.
    REST_AUTH_RATE_LIMIT: '100000/minute',
    LOG_LEVEL: process.env.BIDWIRE_TEST_LOG_LEVEL ?? 'silent', // e.g. BIDWIRE_TEST_LOG_LEVEL=error to see server errors
    ...redisEnv(),
    ...env,
  });
  const server = await buildApp(config, options);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  const rest = createRestClient({ baseUrl: url });
  const clients: BidwireClient[] = [];

  const connectAs = async (token: string) => {
    const client = createClient({ url, token, socketOptions: { transports: ['websocket'], reconnection: false } });
    clients.push(client);
    await whenConnected(client);
    return client;
  };

  const close = async () => {
    for (const c of clients) c.close();
    await server.close();
    await database.drop();
  };

  return {
    url,
    server,
    rest,
    async signIn(name, opts = {}) {
      const phone = opts.phone ?? nextPhone();
      const sent = await rest.requestOtp({ body: { phone } });
      if (!sent.devCode) throw new Error('OTP_DEV_ECHO did not echo the code');
      const pair = await rest.verifyOtp({ body: { phone, code: sent.devCode, name } });
      return {
        id: pair.user.id,
        name: pair.user.name,
        phone,
        token: pair.accessToken,
        refreshToken: pair.refreshToken,
        rest: createRestClient({ baseUrl: url, token: pair.accessToken }),
        connect: () => connectAs(pair.accessToken),
      };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
