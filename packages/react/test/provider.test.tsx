// BidwireProvider with a url and getToken: one connected client per app, closed on unmount, also under
// StrictMode's double mount; hooks outside a provider fail with a clear message.
import type { BidwireClient } from '@bidwire/sdk';
import { render, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BidwireProvider, useBidwireClient, useBidwireRest, useConnectionState } from '../src/index.js';
import { realBackend } from './backend.js';

const backend = realBackend();
afterEach(() => backend.closeAll());

describe('BidwireProvider', () => {
  for (const strict of [false, true]) {
    it(`creates one client that connects with getToken and closes on unmount${strict ? ' (StrictMode)' : ''}`, async () => {
      const alice = await backend.signIn('Alice');
      const getToken = vi.fn(async () => alice.token);
      const seen = new Set<BidwireClient>();
      let state = '';
      let restWorks: Promise<unknown> | null = null;
      function Probe() {
        const client = useBidwireClient();
        const rest = useBidwireRest();
        seen.add(client);
        state = useConnectionState();
        restWorks ??= rest.listConversations();
        return null;
      }
      const tree = (
        <BidwireProvider url={backend.url} getToken={getToken} clientOptions={{ socketOptions: { transports: ['websocket'] } }}>
          <Probe />
        </BidwireProvider>
      );
      const view = render(strict ? <StrictMode>{tree}</StrictMode> : tree);
      await waitFor(() => expect(state).toBe('connected'));
      await expect(restWorks).resolves.toMatchObject({ items: [] });
      const clients = [...seen];
      const current = clients.at(-1)!;
      expect(current.state).toBe('connected');
      // StrictMode closed the first client it made; exactly one stays connected.
      expect(clients.filter((c) => c.state === 'connected')).toEqual([current]);
      expect(getToken).toHaveBeenCalled();
      view.unmount();
      expect(current.state).toBe('disconnected');
    });
  }

  it('a hook outside the provider says so', () => {
    expect(() => renderHook(() => useBidwireClient())).toThrow('useBidwireClient() must be used inside <BidwireProvider>.');
  });
});
