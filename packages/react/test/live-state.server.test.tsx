// useNotifications against a real server: a notification published while the client was away shows after it
// reconnects (replayed from the user room). The other live-state hooks run on the test kit (live-state.test.tsx).
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useNotifications } from '../src/index.js';
import { realBackend } from './backend.js';
import { renderAs } from './render.js';

const backend = realBackend();
afterEach(() => backend.closeAll());

const level = (userId: string, n: number) => ({ event: 'levelUp' as const, payload: { userId, level: n, previousLevel: n - 1 }, to: { users: [userId] } });

describe('useNotifications (real server)', () => {
  it('a notification created while disconnected shows after reconnecting', async () => {
    const alice = await backend.signIn('Alice');
    const client = await alice.connect();
    const { result } = renderAs(alice, client, () => useNotifications());
    await waitFor(() => expect(result.current.status).toBe('ready'));
    client.disconnect();
    await backend.publish({ ...level(alice.id, 5), notify: { title: 'While away', body: '…' } });
    client.connect();
    await waitFor(() => expect(result.current.notifications.map((n) => n.title)).toEqual(['While away']));
    expect(result.current.unreadCount).toBe(1);
  });
});
