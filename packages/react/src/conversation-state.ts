// The state of one open conversation as a pure reducer: the joinConversation snapshot, older pages,
// room events on top (live or replayed alike), my messages still on their way, who is typing, and how far
// each other participant has read.
import type { BidwireError, Conversation, ConversationSnapshot, EventName, EventPayload, Message, PublicUser } from '@bidwire/sdk';

/** A message I sent that the server has not acknowledged yet (or refused: `failed`, with the reason). */
export interface PendingMessage {
  /** Also the command's requestId: a retry cannot create the message twice. */
  requestId: string;
  text: string;
  status: 'sending' | 'failed';
  error: BidwireError | null;
  createdAt: string;
}

export interface ConversationState {
  conversationId: string | null;
  status: 'loading' | 'joined' | 'error';
  error: BidwireError | null;
  conversation: Conversation | null;
  /** Oldest first. */
  messages: Message[];
  pending: PendingMessage[];
  /** The other participants typing now. */
  typing: PublicUser[];
  /** Per other participant: the newest message they have read, as far as this client has heard. */
  readUpTo: Record<string, string>;
  /** More history may exist before `messages[0]`. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

/** joinConversation answers at most this many recent messages. */
export const SNAPSHOT_MESSAGES = 50;

export const initialConversationState = (conversationId: string | null): ConversationState => ({
  conversationId,
  status: 'loading',
  error: null,
  conversation: null,
  messages: [],
  pending: [],
  typing: [],
  readUpTo: {},
  hasOlder: false,
  loadingOlder: false,
});

export const CONVERSATION_EVENTS = [
  'messageCreated',
  'messageEdited',
  'messageDeleted',
  'messagesRead',
  'participantsAdded',
  'participantRemoved',
  'typingChanged',
] as const satisfies readonly EventName[];
export type ConversationEventName = (typeof CONVERSATION_EVENTS)[number];

type ConversationEvent = {
  [K in ConversationEventName]: { type: 'event'; name: K; payload: EventPayload<K>; me: string | null };
}[ConversationEventName];

export type ConversationAction =
  | { type: 'reset'; conversationId: string | null }
  | { type: 'snapshot'; snapshot: ConversationSnapshot }
  | { type: 'failed'; error: BidwireError }
  | { type: 'loadingOlder' }
  | { type: 'older'; messages: Message[]; hasOlder: boolean }
  | { type: 'olderFailed'; error: BidwireError }
  | { type: 'sending'; pending: PendingMessage }
  | { type: 'sent'; requestId: string; message: Message }
  | { type: 'sendFailed'; requestId: string; error: BidwireError }
  | { type: 'discard'; requestId: string }
  | { type: 'typingExpired'; userId: string }
  | ConversationEvent;

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'reset':
      return initialConversationState(action.conversationId);
    case 'snapshot': {
      const s = action.snapshot;
      return {
        ...state,
        status: 'joined',
        error: null,
        conversation: s.conversation,
        messages: merge([], s.recentMessages),
        hasOlder: s.recentMessages.length >= SNAPSHOT_MESSAGES,
      };
    }
    case 'failed':
      return { ...state, status: state.conversation ? state.status : 'error', error: action.error };
    case 'loadingOlder':
      return { ...state, loadingOlder: true };
    case 'older':
      return { ...state, loadingOlder: false, hasOlder: action.hasOlder, messages: merge(state.messages, action.messages) };
    case 'olderFailed':
      return { ...state, loadingOlder: false, error: action.error };
    case 'sending':
      return { ...state, pending: [...state.pending.filter((p) => p.requestId !== action.pending.requestId), action.pending] };
    case 'sent':
      return { ...state, pending: state.pending.filter((p) => p.requestId !== action.requestId), messages: merge(state.messages, [action.message]) };
    case 'sendFailed':
      return {
        ...state,
        pending: state.pending.map((p) => (p.requestId === action.requestId ? { ...p, status: 'failed', error: action.error } : p)),
      };
    case 'discard':
      return { ...state, pending: state.pending.filter((p) => p.requestId !== action.requestId) };
    case 'typingExpired':
      return { ...state, typing: state.typing.filter((u) => u.id !== action.userId) };
    case 'event':
      return onEvent(state, action);
  }
}

function onEvent(state: ConversationState, action: ConversationEvent): ConversationState {
  switch (action.name) {
    case 'messageCreated': {
      const m = action.payload.message;
      let pending = state.pending;
      // The broadcast of my message can come before my ack (SPEC §1): it settles the oldest pending copy.
      if (m.sender.id === action.me) {
        const i = pending.findIndex((p) => p.status === 'sending' && p.text === m.text);
        if (i >= 0) pending = [...pending.slice(0, i), ...pending.slice(i + 1)];
      }
      // A message ends its sender's typing indicator.
      const typing = state.typing.filter((u) => u.id !== m.sender.id);
      return { ...state, pending, typing, messages: merge(state.messages, [m]) };
    }
    case 'messageEdited': {
      const { messageId, text, editedAt } = action.payload;
      return { ...state, messages: state.messages.map((m) => (m.id === messageId ? { ...m, text, editedAt } : m)) };
    }
    case 'messageDeleted': {
      const { messageId, deletedAt } = action.payload;
      return { ...state, messages: state.messages.map((m) => (m.id === messageId ? { ...m, text: '', deletedAt } : m)) };
    }
    case 'messagesRead': {
      const { userId, upToMessageId } = action.payload;
      if (userId === action.me) return state;
      return { ...state, readUpTo: { ...state.readUpTo, [userId]: upToMessageId } };
    }
    case 'participantsAdded': {
      if (!state.conversation) return state;
      const known = new Set(state.conversation.participants.map((p) => p.id));
      const added = action.payload.participants.filter((p) => !known.has(p.id));
      return { ...state, conversation: { ...state.conversation, participants: [...state.conversation.participants, ...added] } };
    }
    case 'participantRemoved': {
      if (!state.conversation) return state;
      const gone = action.payload.user.id;
      return {
        ...state,
        conversation: { ...state.conversation, participants: state.conversation.participants.filter((p) => p.id !== gone) },
        typing: state.typing.filter((u) => u.id !== gone),
      };
    }
    case 'typingChanged': {
      const { user, isTyping } = action.payload;
      if (user.id === action.me) return state;
      const others = state.typing.filter((u) => u.id !== user.id);
      return { ...state, typing: isTyping ? [...others, user] : others };
    }
  }
}

/** Adds messages once each (a newer copy replaces an older one), oldest first. */
function merge(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The other participants who have read `messageId` (their read marker is at it or after it). */
export function readersOf(state: Pick<ConversationState, 'messages' | 'readUpTo' | 'conversation'>, messageId: string): PublicUser[] {
  const position = new Map(state.messages.map((m, i) => [m.id, i]));
  const at = position.get(messageId);
  if (at === undefined) return [];
  const people = state.conversation?.participants ?? [];
  return people.filter((p) => {
    const upTo = state.readUpTo[p.id];
    const reached = upTo === undefined ? undefined : position.get(upTo);
    return reached !== undefined && reached >= at;
  });
}
