// The public shapes of chat (SPEC §4): messages and conversations as a participant sees them.
import * as z from 'zod';
import { Id, PublicUser, Timestamp } from './shared.js';

export const Message = z.object({
  id: Id,
  conversationId: Id,
  sender: PublicUser,
  /** Empty once the message is deleted. */
  text: z.string(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  deletedAt: Timestamp.nullable(),
});
export type Message = z.infer<typeof Message>;

/** `direct`: a pair, one conversation per pair; `group`: any number of people, optionally titled. */
export const ConversationKind = z.enum(['direct', 'group']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const Conversation = z.object({
  id: Id,
  kind: ConversationKind,
  title: z.string().nullable(),
  creatorId: Id,
  /** Current participants (removed ones are not listed). */
  participants: z.array(PublicUser),
  createdAt: Timestamp,
  /** The newest message (deleted ones included, with empty text), or null. */
  lastMessage: Message.nullable(),
  /** Messages from others after the caller's read marker (deleted ones not counted). */
  unreadCount: z.int().nonnegative(),
});
export type Conversation = z.infer<typeof Conversation>;

/** Message text: 1..4000 characters, not only whitespace (kept as sent otherwise). */
export const MessageText = z
  .string()
  .min(1)
  .max(4000)
  .refine((s) => s.trim().length > 0, 'Message text cannot be only whitespace.');
