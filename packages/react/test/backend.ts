// The real server the `*.server.test.tsx` files use (started by test/global-setup.ts): signed-in users with
// connected SDK clients, and the publish API. The other hook tests use the SDK test kit (test/fake.tsx).
import { createClient, createRestClient, type BidwireClient, type ClientOptions, type DomainEventKey, type RestClient } from '@bidwire/sdk';
import { whenConnected } from '@bidwire/sdk/testing';
import { inject } from 'vitest';

export interface TestUser {
  id: string;
  name: string;
  token: string;
  rest: RestClient;
  /** A new SDK client of this user (a new "tab"), connected; closed by `closeAll()`. */
  connect(options?: Partial<ClientOptions>): Promise<BidwireClient>;
  /** A new SDK client of this user that is not connected yet. */
  client(options?: Partial<ClientOptions>): BidwireClient;
}

export interface TestBackend {
  url: string;
  signIn(name: string): Promise<TestUser>;
  /** POST /internal/v1/publish with a service key. */
  publish(body: { event: DomainEventKey; payload: unknown; to: { users?: string[] }; notify?: { title: string; body: string } }): Promise<void>;
  /** Closes every client handed out. */
  closeAll(): void;
}

let phones = 0;
const nextPhone = () => `+1666${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`;

export function realBackend(): TestBackend {
  const url = inject('bidwireUrl');
  const serviceKey = inject('bidwireServiceKey');
  const clients: BidwireClient[] = [];
  const anonymous = createRestClient({ baseUrl: url });

  return {
    url,
    async signIn(name) {
      const phone = nextPhone();
      const { devCode } = await anonymous.requestOtp({ body: { phone } });
      if (!devCode) throw new Error('The test server must run with OTP_DEV_ECHO=1.');
      const pair = await anonymous.verifyOtp({ body: { phone, code: devCode, name } });
      const client = (options: Partial<ClientOptions> = {}) => {
        const c = createClient({
          url,
          token: pair.accessToken,
          // Quick reconnections keep the drop tests short.
          socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 },
          ...options,
        } as ClientOptions);
        clients.push(c);
        return c;
      };
      return {
        id: pair.user.id,
        name: pair.user.name,
        token: pair.accessToken,
        rest: createRestClient({ baseUrl: url, token: pair.accessToken }),
        client,
        connect: async (options) => {
          const c = client(options);
          await whenConnected(c);
          return c;
        },
      };
    },
    async publish(body) {
      const res = await fetch(`${url}/internal/v1/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
    },
    closeAll() {
      for (const c of clients.splice(0)) c.close();
    },
  };
}

