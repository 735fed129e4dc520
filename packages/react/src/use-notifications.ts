// useNotifications(): my notifications (newest first) and unread count, read over REST, then kept current
// by notificationCreated / unreadCountChanged (replayed after a drop like any user-room event) and read
// again after every reconnection; markRead / markAllRead update every tab of mine through the server.
import type { BidwireError, Notification } from '@bidwire/sdk';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asBidwireError } from './errors.js';
import { onConnected } from './on-connected.js';
import { useBidwireClient, useBidwireRest } from './use-bidwire.js';

export interface NotificationsView {
  status: 'loading' | 'ready' | 'error';
  error: BidwireError | null;
  notifications: Notification[];
  unreadCount: number;
  hasMore: boolean;
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
}

interface State {
  status: NotificationsView['status'];
  error: BidwireError | null;
  notifications: Notification[];
  unreadCount: number;
  nextCursor: string | null;
}

const PAGE = 20;

export function useNotifications(): NotificationsView {
  const client = useBidwireClient();
  const rest = useBidwireRest();
  const [state, setState] = useState<State>({ status: 'loading', error: null, notifications: [], unreadCount: 0, nextCursor: null });
  const stateRef = useRef(state);
  stateRef.current = state;
  const loadRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    let active = true;
    let latest = 0;
    let inFlight = false;
    const load = async () => {
      const mine = ++latest;
      inFlight = true;
      try {
        const [page, count] = await Promise.all([rest.listNotifications({ query: { limit: PAGE } }), rest.unreadNotificationCount()]);
        if (active && mine === latest) {
          setState({ status: 'ready', error: null, notifications: page.items, unreadCount: count.unreadCount, nextCursor: page.nextCursor });
        }
      } catch (error) {
        if (active && mine === latest) {
          setState((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'error', error: asBidwireError(error, 'listNotifications') }));
        }
      } finally {
        if (mine === latest) inFlight = false;
      }
    };
    // An event newer than a read in flight: that read may not include it, so read again.
    const afterEvent = () => {
      if (inFlight) void load();
    };
    loadRef.current = load;
    const offs = [
      client.on('notificationCreated', ({ notification, unreadCount }) => {
        if (!active) return;
        setState((s) => ({
          ...s,
          unreadCount,
          notifications: s.notifications.some((n) => n.id === notification.id) ? s.notifications : [notification, ...s.notifications],
        }));
        afterEvent();
      }),
      client.on('unreadCountChanged', ({ unreadCount, at }) => {
        if (!active) return;
        // All read (the common "mark all" case) is known exactly; otherwise which ones changed is not: read again.
        if (unreadCount === 0) {
          setState((s) => ({ ...s, unreadCount, notifications: s.notifications.map((n) => (n.readAt ? n : { ...n, readAt: at })) }));
          afterEvent();
        } else {
          setState((s) => ({ ...s, unreadCount }));
          void load();
        }
      }),
      onConnected(client, () => void load()),
    ];
    void load();
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, [client, rest]);

  const markRead = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      const { unreadCount } = await client.markNotificationsRead({ ids });
      const now = new Date().toISOString();
      const set = new Set(ids);
      setState((s) => ({ ...s, unreadCount, notifications: s.notifications.map((n) => (set.has(n.id) && !n.readAt ? { ...n, readAt: now } : n)) }));
    },
    [client],
  );

  const markAllRead = useCallback(async () => {
    const { unreadCount } = await client.markNotificationsRead({ all: true });
    const now = new Date().toISOString();
    setState((s) => ({ ...s, unreadCount, notifications: s.notifications.map((n) => (n.readAt ? n : { ...n, readAt: now })) }));
  }, [client]);

  const loadMore = useCallback(async () => {
    const cursor = stateRef.current.nextCursor;
    if (!cursor) return;
    try {
      const page = await rest.listNotifications({ query: { limit: PAGE, cursor } });
      setState((s) => {
        const known = new Set(s.notifications.map((n) => n.id));
        return { ...s, notifications: [...s.notifications, ...page.items.filter((n) => !known.has(n.id))], nextCursor: page.nextCursor };
      });
    } catch (error) {
      setState((s) => ({ ...s, error: asBidwireError(error, 'listNotifications') }));
    }
  }, [rest]);

  const refresh = useCallback(() => loadRef.current(), []);

  return useMemo(
    () => ({
      status: state.status,
      error: state.error,
      notifications: state.notifications,
      unreadCount: state.unreadCount,
      hasMore: state.nextCursor !== null,
      markRead,
      markAllRead,
      loadMore,
      refresh,
    }),
    [state, markRead, markAllRead, loadMore, refresh],
  );
}
