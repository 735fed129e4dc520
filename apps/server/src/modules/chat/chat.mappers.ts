// Database rows of chat to the contract's shapes: public users only, ISO times, erased deleted text.
import type { Conversation, ConversationKind, Message } from '@bidwire/contract';
import { toPublicUser } from '../../core/user.js';

interface UserRow {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  sender: UserRow;
}

export const toMessage = (m: MessageRow): Message => ({
  id: m.id,
  conversationId: m.conversationId,
  sender: toPublicUser(m.sender),
  text: m.deletedAt ? '' : m.text,
  createdAt: m.createdAt.toISOString(),
  editedAt: m.editedAt ? m.editedAt.toISOString() : null,
  deletedAt: m.deletedAt ? m.deletedAt.toISOString() : null,
});

export interface ConversationRow {
  id: string;
  kind: string;
  title: string | null;
  creatorId: string;
  createdAt: Date;
  participants: { user: UserRow }[];
}

export const toConversation = (c: ConversationRow, lastMessage: MessageRow | null, unreadCount: number): Conversation => ({
  id: c.id,
  kind: c.kind as ConversationKind,
  title: c.title,
  creatorId: c.creatorId,
  participants: c.participants.map((p) => toPublicUser(p.user)),
  createdAt: c.createdAt.toISOString(),
  lastMessage: lastMessage ? toMessage(lastMessage) : null,
  unreadCount,
});
