// Chat (SPEC §4): the commands a participant sends and the events a conversation room receives.
import * as z from 'zod';
import { command, event } from './define.js';
import { Id, PublicUser, RequestId, RoomEventMeta, Timestamp } from './shared.js';
import { Conversation, Message, MessageText } from './chat.entities.js';

const ConversationRef = z.object({ conversationId: Id });
const Empty = z.object({});
const roomEvent = <T extends z.ZodRawShape>(shape: T) => RoomEventMeta.extend(shape);
const inConversationRoom = { room: 'conversation', idField: 'conversationId' } as const;
const inUserRoom = { room: 'user' } as const;

/** What `joinConversation` answers: the conversation up to `seq`; the next room event has `seq + 1`. */
export const ConversationSnapshot = z.object({
  conversation: Conversation,
  /** Newest first, at most 50. */
  recentMessages: z.array(Message),
  seq: z.int().nonnegative(),
});
export type ConversationSnapshot = z.infer<typeof ConversationSnapshot>;

export const chatCommands = {
  joinConversation: command({
    description: 'Join a conversation room (participants only); answers the recent messages and the room seq.',
    request: ConversationRef,
    response: ConversationSnapshot,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    joins: inConversationRoom,
  }),
  leaveConversation: command({
    description: 'Leave a conversation room on this socket (you stay a participant).',
    request: ConversationRef,
    response: Empty,
    errors: [],
    leaves: inConversationRoom,
  }),
  sendMessage: command({
    description: 'Send a message; persisted before it is broadcast. `requestId` makes retries safe.',
    request: z.object({ conversationId: Id, text: MessageText, requestId: RequestId.optional() }),
    response: z.object({ message: Message }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
  }),
  editMessage: command({
    description: "Edit one of your own messages' text.",
    request: z.object({ messageId: Id, text: MessageText }),
    response: z.object({ message: Message }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  deleteMessage: command({
    description: 'Delete one of your own messages (its text is erased; the message stays as deleted).',
    request: z.object({ messageId: Id }),
    response: Empty,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  markRead: command({
    description: 'Move your read marker up to a message; answers your unread count in the conversation.',
    request: z.object({ conversationId: Id, upToMessageId: Id }),
    response: z.object({ unreadCount: z.int().nonnegative() }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  setTyping: command({
    description: 'Say you are (not) typing; it falls back to false after 6 s without a refresh.',
    request: z.object({ conversationId: Id, isTyping: z.boolean() }),
    response: Empty,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
} as const;

export const chatEvents = {
  messageCreated: event({
    scope: 'room',
    room: inConversationRoom,
    description: 'A message was sent to the conversation.',
    payload: roomEvent({ conversationId: Id, message: Message }),
  }),
  messageEdited: event({
    scope: 'room',
    room: inConversationRoom,
    description: 'Its sender edited a message.',
    payload: roomEvent({ conversationId: Id, messageId: Id, text: z.string(), editedAt: Timestamp }),
  }),
  messageDeleted: event({
    scope: 'room',
    room: inConversationRoom,
    description: 'Its sender deleted a message.',
    payload: roomEvent({ conversationId: Id, messageId: Id, deletedAt: Timestamp }),
  }),
  messagesRead: event({
    scope: 'room',
    room: inConversationRoom,
    description: "A participant's read marker moved (read receipts).",
    payload: roomEvent({ conversationId: Id, userId: Id, upToMessageId: Id, readAt: Timestamp }),
  }),
  participantsAdded: event({
    scope: 'room',
    room: inConversationRoom,
    description: 'People were added to the conversation.',
    payload: roomEvent({ conversationId: Id, participants: z.array(PublicUser), addedBy: PublicUser }),
  }),
  participantRemoved: event({
    scope: 'room',
    room: inConversationRoom,
    description: 'Someone left or was removed; their sockets leave the room at once.',
    payload: roomEvent({ conversationId: Id, user: PublicUser, removedBy: PublicUser }),
  }),
  messageNotification: event({
    scope: 'room',
    room: inUserRoom,
    description: "To each other participant's user room (durable there, with its seq): a new message to show.",
    payload: roomEvent({ conversationId: Id, messageId: Id, sender: PublicUser, preview: z.string().max(60) }),
  }),
  typingChanged: event({
    scope: 'ephemeral',
    description: 'A participant started or stopped typing (to the others only; no seq).',
    audience: 'The other sockets in the conversation room (joined with joinConversation), not the typist’s; no seq.',
    payload: z.object({ conversationId: Id, user: PublicUser, isTyping: z.boolean() }),
  }),
} as const;
