// useConversations(): my conversations (most recently active first, with the last message and my unread
// count), read over REST and read again whenever an event says the list changed — a message for me, my own
// read marker moving, people added or removed — and after every reconnection.
import type { BidwireError, Conversation } from '@bidwire/sdk';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asBidwireError } from './errors.js';
import { onConnected } from './on-connected.js';
import { useBidwireClient, useBidwireRest, useBidwireUser } from './use-bidwire.js';

export interface ConversationsView {
  status: 'loading' | 'ready' | 'error';
  error: BidwireError | null;
  conversations: Conversation[];
  /** Sum of the unread counts. */
  unreadTotal: number;
  /** Reads the list again now. */
  refresh(): Promise<void>;
}

/** Events close together cost one read. */
const COALESCE_MS = 100;
const LIMIT = 100;

export function useConversations(): ConversationsView {
  const client = useBidwireClient();
  const rest = useBidwireRest();
  const me = useBidwireUser()?.id ?? null;
  const [state, setState] = useState<Pick<ConversationsView, 'status' | 'error' | 'conversations'>>({
    status: 'loading',
    error: null,
    conversations: [],
  });
  const loadRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    let active = true;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const mine = ++latest;
      try {
        const page = await rest.listConversations({ query: { limit: LIMIT } });
        // A later read (started by a newer event) wins.
        if (active && mine === latest) setState({ status: 'ready', error: null, conversations: page.items });
      } catch (error) {
        if (active && mine === latest) {
          setState((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'error', error: asBidwireError(error, 'listConversations') }));
        }
      }
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), COALESCE_MS);
    };
    loadRef.current = load;
    const offs = [
      client.on('messageNotification', soon),
      client.on('messageCreated', soon),
      client.on('messagesRead', (e) => e.userId === me && soon()),
      client.on('participantsAdded', soon),
      client.on('participantRemoved', soon),
      onConnected(client, soon),
    ];
    void load();
    return () => {
      active = false;
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [client, rest, me]);

  const refresh = useCallback(() => loadRef.current(), []);
  return useMemo(
    () => ({ ...state, unreadTotal: state.conversations.reduce((n, c) => n + c.unreadCount, 0), refresh }),
    [state, refresh],
  );
}
