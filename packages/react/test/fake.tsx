// Hook tests against the SDK test kit: an in-memory fake server (socket commands and events) and a fake REST
// API, both checked against the contract, with real SDK clients. A test scripts what the server answers and
// emits; `close()` (after each test) fails it if the fake was made to break the contract.
import type { BidwireClient, PublicUser } from '@bidwire/sdk';
import { createFakeRest, createFakeServer, createTestClient, type FakeRest, type FakeServer, type TestClientOptions } from '@bidwire/sdk/testing';
import { renderHook, type RenderHookOptions } from '@testing-library/react';
import type { ReactNode } from 'react';
import { BidwireProvider } from '../src/index.js';

export interface FakeWorld {
  server: FakeServer;
  api: FakeRest;
  /** A real client of `user` on the fake server (token `token-<id>`: handlers tell users apart by `ctx.auth.token`). */
  client(user: PublicUser, options?: Omit<TestClientOptions, 'server' | 'token'>): BidwireClient;
  /** renderHook as `user` (on a new client unless one is given), inside a BidwireProvider. */
  render<R>(
    user: PublicUser,
    hook: () => R,
    options?: Omit<RenderHookOptions<unknown>, 'wrapper'> & { client?: BidwireClient },
  ): ReturnType<typeof renderHook<R, unknown>> & { client: BidwireClient };
  /** The user a command came from. */
  userOf(auth: { token?: unknown }): string;
  /** Closes the clients; throws if the fakes broke the contract. */
  close(): void;
}

export const tokenOf = (user: Pick<PublicUser, 'id'>) => `token-${user.id}`;

export function fakeWorld(): FakeWorld {
  const server = createFakeServer();
  const api = createFakeRest();
  const clients: BidwireClient[] = [];
  const world: FakeWorld = {
    server,
    api,
    client(user, options = {}) {
      const { client: c } = createTestClient({ ...options, server, token: tokenOf(user) });
      clients.push(c);
      return c;
    },
    render(user, hook, options = {}) {
      const { client: given, ...rest } = options;
      const client = given ?? world.client(user);
      const restClient = api.client({ token: tokenOf(user) });
      const wrapper = ({ children }: { children: ReactNode }) => (
        <BidwireProvider client={client} rest={restClient} user={{ id: user.id, name: user.name }}>
          {children}
        </BidwireProvider>
      );
      return { ...renderHook(hook, { ...rest, wrapper }), client };
    },
    userOf(auth) {
      return String(auth.token ?? '').replace(/^token-/, '');
    },
    close() {
      for (const c of clients.splice(0)) c.close();
      server.close();
      api.close();
    },
  };
  return world;
}
