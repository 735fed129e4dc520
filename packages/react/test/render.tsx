// Renders hooks inside a BidwireProvider bound to a test user's client.
import type { BidwireClient } from '@bidwire/sdk';
import { renderHook, type RenderHookOptions } from '@testing-library/react';
import type { ReactNode } from 'react';
import { BidwireProvider } from '../src/index.js';
import type { TestUser } from './backend.js';

export function wrapperFor(user: TestUser, client: BidwireClient) {
  return ({ children }: { children: ReactNode }) => (
    <BidwireProvider client={client} rest={user.rest} user={{ id: user.id, name: user.name }}>
      {children}
    </BidwireProvider>
  );
}

/** renderHook as `user` on `client`. */
export function renderAs<R>(user: TestUser, client: BidwireClient, hook: () => R, options: Omit<RenderHookOptions<unknown>, 'wrapper'> = {}) {
  return renderHook(hook, { ...options, wrapper: wrapperFor(user, client) });
}
