// useNotifications, usePresence, useConnectionState and useCountdown against the SDK test kit. A real server
// runs the notification missed while away (live-state.server.test.tsx).
import type { Notification } from '@bidwire/sdk';
import { userFixture } from '@bidwire/sdk/testing';
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConnectionState, useCountdown, useNotifications, usePresence } from '../src/index.js';
import { fakeWorld, type FakeWorld } from './fake.js';

const alice = userFixture({ id: 'alice', name: 'Alice' });
const bob = userFixture({ id: 'bob', name: 'Bob' });

let world: FakeWorld;
beforeEach(() => (world = fakeWorld()));
afterEach(() => world.close());

/** Alice's notifications on the fake server: REST reads, markNotificationsRead, and new ones pushed to her. */
function inbox() {
  const list: Notification[] = [];
  const unread = () => list.filter((n) => n.readAt === null).length;
  world.api.handle('listNotifications', () => ({ items: [...list].reverse(), nextCursor: null }));
  world.api.handle('unreadNotificationCount', () => ({ unreadCount: unread() }));
  world.server.handle('markNotificationsRead', (input) => {
    const at = new Date().toISOString();
    for (const n of list) if (n.readAt === null && (input.all === true || (input.ids ?? []).includes(n.id))) n.readAt = at;
    world.server.emit('unreadCountChanged', { unreadCount: unread() });
    return { unreadCount: unread() };
  });
  return {
    push(title: string) {
      const notification: Notification = { id: `n${list.length + 1}`, type: 'levelUp', title, body: '…', data: {}, createdAt: new Date().toISOString(), readAt: null };
      list.push(notification);
      world.server.emit('notificationCreated', { notification: { ...notification }, unreadCount: unread() });
    },
  };
}

describe('useNotifications (test kit)', () => {
  it('lists notifications, counts unread, follows new ones and marking read on every tab', async () => {
    const box = inbox();
    box.push('Level 2');
    const tab1 = world.render(alice, () => useNotifications());
    const tab2 = world.render(alice, () => useNotifications());
    await waitFor(() => expect(tab1.result.current.status).toBe('ready'));
    expect(tab1.result.current.unreadCount).toBe(1);
    expect(tab1.result.current.notifications.map((n) => [n.type, n.title, n.readAt])).toEqual([['levelUp', 'Level 2', null]]);

    box.push('Level 3');
    await waitFor(() => expect(tab1.result.current.unreadCount).toBe(2));
    expect(tab1.result.current.notifications.map((n) => n.title)).toEqual(['Level 3', 'Level 2']);
    await waitFor(() => expect(tab2.result.current.unreadCount).toBe(2));

    await act(() => tab1.result.current.markRead([tab1.result.current.notifications[1]!.id]));
    expect(tab1.result.current.unreadCount).toBe(1);
    expect(tab1.result.current.notifications.map((n) => n.readAt === null)).toEqual([true, false]);
    await waitFor(() => expect(tab2.result.current.unreadCount).toBe(1));
    await waitFor(() => expect(tab2.result.current.notifications.map((n) => n.readAt === null)).toEqual([true, false]));

    await act(() => tab2.result.current.markAllRead());
    await waitFor(() => expect(tab1.result.current.unreadCount).toBe(0));
    expect(tab1.result.current.notifications.every((n) => n.readAt !== null)).toBe(true);
    expect(world.server.commandsOf('markNotificationsRead')).toEqual([{ ids: ['n1'] }, { all: true }]);
  });
});

describe('usePresence (test kit)', () => {
  it('asks for the people’s presence, then follows presenceChanged; asks again after a reconnection', async () => {
    const status = { alice: 'online', bob: 'offline' } as Record<string, 'online' | 'offline'>;
    world.server.handle('getPresence', ({ userIds }) => ({
      presence: userIds.map((userId) => ({ userId, status: status[userId] ?? 'offline', lastSeenAt: status[userId] === 'online' ? null : '2030-01-01T12:00:00.000Z' })),
    }));
    const { result } = world.render(alice, () => usePresence([bob.id, alice.id]));
    await waitFor(() => expect(result.current[alice.id]?.status).toBe('online'));
    expect(result.current[bob.id]?.status).toBe('offline');
    // Asked at mount (and again when the client's first connection comes up), with the ids sorted.
    expect(new Set(world.server.commandsOf('getPresence').map((p) => p.userIds.join()))).toEqual(new Set(['alice,bob']));
    const asked = world.server.commandsOf('getPresence').length;

    world.server.emit('presenceChanged', { userId: bob.id, status: 'online', lastSeenAt: null });
    await waitFor(() => expect(result.current[bob.id]?.status).toBe('online'));

    // Presence events are live only: what changed during a drop is asked again.
    status.bob = 'offline';
    world.server.dropConnections();
    await waitFor(() => expect(result.current[bob.id]).toMatchObject({ status: 'offline', lastSeenAt: expect.any(String) }));
    expect(world.server.commandsOf('getPresence').length).toBeGreaterThan(asked);
  });
});

describe('useConnectionState (test kit)', () => {
  it('follows the client: connected, disconnected, connected again, reconnecting after a drop', async () => {
    const client = world.client(alice);
    const { result } = world.render(alice, () => useConnectionState(), { client });
    await waitFor(() => expect(result.current).toBe('connected'));
    act(() => client.disconnect());
    expect(result.current).toBe('disconnected');
    act(() => client.connect());
    await waitFor(() => expect(result.current).toBe('connected'));
    // A drop the client did not ask for: it is reconnecting, then connected.
    const states: string[] = [];
    client.onState((s) => states.push(s));
    act(() => world.server.dropConnections());
    await waitFor(() => expect(states).toEqual(['reconnecting', 'connected']));
    await waitFor(() => expect(result.current).toBe('connected'));
  });
});

describe('useCountdown (test kit)', () => {
  it('counts down on the server’s clock, even when the local clock is an hour off', async () => {
    // This user's machine is an hour ahead: Date.now() alone would show the lot as ended.
    const skewed = world.client(alice, { now: () => Date.now() + 3_600_000 });
    const endsAt = new Date(Date.now() + 2_500).toISOString();
    const { result } = world.render(alice, () => useCountdown(endsAt), { client: skewed });
    await waitFor(() => expect(Math.abs(skewed.clockOffset + 3_600_000)).toBeLessThan(1_000));
    await waitFor(() => expect(result.current.secondsLeft).toBeGreaterThan(0));
    const first = result.current.secondsLeft!;
    expect(first).toBeLessThanOrEqual(3);
    expect(result.current.label).toMatch(/^0:0[0-3]$/);
    await waitFor(() => expect(result.current.secondsLeft).toBeLessThan(first), { timeout: 2_000 });
    await waitFor(() => expect(result.current).toMatchObject({ ended: true, secondsLeft: 0, label: '0:00' }), { timeout: 4_000 });
    expect(world.server.commandsOf('timeSync').length).toBeGreaterThan(0);
  });

  it('has nothing to show without an end time', () => {
    const { result } = world.render(alice, () => useCountdown(null), { client: world.client(alice, { autoConnect: false }) });
    expect(result.current).toEqual({ secondsLeft: null, ended: false, label: '' });
  });
});
