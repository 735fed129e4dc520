// useConversation(id): joins a conversation room and keeps its messages, who is typing and read receipts
// correct through reconnections; sends messages optimistically (shown as pending until the server
// acknowledges them, with retry on failure), pages back through history and marks messages read.
import {
  BidwireError,
  type ConversationSnapshot,
  type EventPayload,
  type Message,
  type PublicUser,
  type RoomSnapshot,
} from '@bidwire/sdk';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import {
  CONVERSATION_EVENTS,
  conversationReducer,
  initialConversationState,
  readersOf,
  type ConversationState,
  type PendingMessage,
} from './conversation-state.js';
import { asBidwireError } from './errors.js';
import { onConnected } from './on-connected.js';
import { newRequestId } from './request-id.js';
import { leaseRoom } from './room-leases.js';
import { createTypingSender, type TypingSender } from './typing-sender.js';
import { useBidwireClient, useBidwireRest, useBidwireUser } from './use-bidwire.js';

/** A typing indicator not refreshed for this long is dropped even if its `false` never arrived. */
const TYPING_STALE_MS = 7_000;
const PAGE_SIZE = 50;

export interface ConversationView extends ConversationState {
  /** Sends a message: it shows in `pending` at once and moves to `messages` when acknowledged. */
  send(text: string): Promise<Message | null>;
  /** Sends a failed pending message again (same requestId: it cannot be created twice). */
  retry(requestId: string): Promise<Message | null>;
  discard(requestId: string): void;
  /** Loads the page of history before the oldest message shown. */
  loadOlder(): Promise<void>;
  /** Marks everything shown as read (no-op when already done); read receipts follow for the others. */
  markRead(): Promise<void>;
  /** Call on each keystroke in the message box: setTyping is sent sparingly (see createTypingSender). */
  notifyTyping(): void;
  /** The other participants who have read this message. */
  readBy(messageId: string): PublicUser[];
}

export function useConversation(conversationId: string | null | undefined): ConversationView {
  const client = useBidwireClient();
  const rest = useBidwireRest();
  const me = useBidwireUser()?.id ?? null;
  const id = conversationId ?? null;
  const [state, dispatch] = useReducer(conversationReducer, id, initialConversationState);
  const meRef = useRef(me);
  meRef.current = me;
  const stateRef = useRef(state);
  stateRef.current = state;
  const typingRef = useRef<TypingSender | null>(null);
  const lastMarked = useRef<string | null>(null);

  useEffect(() => {
    dispatch({ type: 'reset', conversationId: id });
    lastMarked.current = null;
    if (!id) return;
    let active = true;
    let joined = false;
    let joining = false;
    const lease = leaseRoom(client, `conversation:${id}`, () => void client.leaveConversation({ conversationId: id }).catch(() => undefined));
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

    const offs = CONVERSATION_EVENTS.map((name) =>
      client.on(name, (payload: EventPayload<typeof name>) => {
        if (!active || payload.conversationId !== id) return;
        dispatch({ type: 'event', name, payload, me: meRef.current } as Parameters<typeof dispatch>[0]);
        if (name === 'typingChanged') {
          const { user, isTyping } = payload as EventPayload<'typingChanged'>;
          clearTimeout(typingTimers.get(user.id));
          if (isTyping) typingTimers.set(user.id, setTimeout(() => active && dispatch({ type: 'typingExpired', userId: user.id }), TYPING_STALE_MS));
        }
      }),
    );
    offs.push(
      client.onSnapshot((room, snapshot) => {
        if (active && room.type === 'conversation' && room.id === id && isConversationSnapshot(snapshot)) dispatch({ type: 'snapshot', snapshot });
      }),
    );

    const join = async () => {
      if (joining) return;
      joining = true;
      try {
        const request = client.joinConversation({ conversationId: id });
        lease.track(request);
        const snapshot = await request;
        joined = true;
        if (!active) return;
        dispatch({ type: 'snapshot', snapshot });
      } catch (error) {
        if (active) dispatch({ type: 'failed', error: asBidwireError(error, 'joinConversation') });
      } finally {
        joining = false;
      }
    };
    offs.push(
      onConnected(client, () => {
        if (active && !joined) void join();
      }),
    );
    void join();

    const typing = createTypingSender((isTyping) => void client.setTyping({ conversationId: id, isTyping }).catch(() => undefined));
    typingRef.current = typing;

    return () => {
      active = false;
      for (const off of offs) off();
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typing.stop();
      typingRef.current = null;
      lease.release();
    };
  }, [client, id]);

  const deliver = useCallback(
    async (pending: PendingMessage): Promise<Message | null> => {
      if (!id) return null;
      dispatch({ type: 'sending', pending: { ...pending, status: 'sending', error: null } });
      try {
        const { message } = await client.sendMessage({ conversationId: id, text: pending.text, requestId: pending.requestId });
        dispatch({ type: 'sent', requestId: pending.requestId, message });
        return message;
      } catch (error) {
        dispatch({ type: 'sendFailed', requestId: pending.requestId, error: asBidwireError(error, 'sendMessage') });
        return null;
      }
    },
    [client, id],
  );

  const send = useCallback(
    (text: string) => {
      typingRef.current?.stop();
      return deliver({ requestId: newRequestId(), text, status: 'sending', error: null, createdAt: new Date().toISOString() });
    },
    [deliver],
  );

  const retry = useCallback(
    (requestId: string) => {
      const pending = stateRef.current.pending.find((p) => p.requestId === requestId);
      return pending ? deliver(pending) : Promise.resolve(null);
    },
    [deliver],
  );

  const discard = useCallback((requestId: string) => dispatch({ type: 'discard', requestId }), []);

  const loadOlder = useCallback(async () => {
    const current = stateRef.current;
    const oldest = current.messages[0];
    if (!id || current.loadingOlder || !current.hasOlder) return;
    dispatch({ type: 'loadingOlder' });
    try {
      const page = await rest.listMessages({ params: { id }, query: { limit: PAGE_SIZE, ...(oldest ? { before: oldest.id } : {}) } });
      dispatch({ type: 'older', messages: page.items, hasOlder: page.nextCursor !== null });
    } catch (error) {
      dispatch({ type: 'olderFailed', error: asBidwireError(error, 'listMessages') });
    }
  }, [rest, id]);

  const markRead = useCallback(async () => {
    const newest = stateRef.current.messages.at(-1);
    if (!id || !newest || lastMarked.current === newest.id) return;
    lastMarked.current = newest.id;
    try {
      await client.markRead({ conversationId: id, upToMessageId: newest.id });
    } catch (error) {
      if (lastMarked.current === newest.id) lastMarked.current = null;
      if (!(error instanceof BidwireError)) throw error;
    }
  }, [client, id]);

  const notifyTyping = useCallback(() => typingRef.current?.input(), []);
  const readBy = useCallback((messageId: string) => readersOf(state, messageId), [state]);

  return useMemo(
    () => ({ ...state, send, retry, discard, loadOlder, markRead, notifyTyping, readBy }),
    [state, send, retry, discard, loadOlder, markRead, notifyTyping, readBy],
  );
}

const isConversationSnapshot = (s: RoomSnapshot): s is ConversationSnapshot & { serverTime: number } =>
  'conversation' in s && 'recentMessages' in s;
