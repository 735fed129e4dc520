// The REST routes of chat (SPEC §4): conversations, their history and their participants.
import * as z from 'zod';
import { route } from './define.js';
import { Cursor, Limit } from './paging.js';
import { Id, page } from './shared.js';
import { Conversation, Message } from './chat.entities.js';

/** Other people to talk with (the caller is always included): 1..99, so a group has at most 100. */
const ParticipantIds = z.array(Id).min(1).max(99);

export const chatRoutes = {
  createConversation: route({
    method: 'POST', path: '/conversations', auth: true, status: 201,
    description:
      'Start a conversation with the caller included. One other person and no title: the pair’s direct ' +
      'conversation (created once; later calls return the same one). Otherwise a new group.',
    body: z.object({ participantIds: ParticipantIds, title: z.string().trim().min(1).max(200).optional() }),
    response: Conversation,
  }),
  listConversations: route({
    method: 'GET', path: '/conversations', auth: true, status: 200,
    description: "The caller's conversations, most recently active first, with lastMessage and unreadCount.",
    query: z.object({ cursor: Cursor.optional(), limit: Limit }),
    response: page(Conversation),
  }),
  listMessages: route({
    method: 'GET', path: '/conversations/:id/messages', auth: true, status: 200,
    description: 'A conversation’s history, newest first; `before` (a message id) pages back. Participants only.',
    params: z.object({ id: Id }),
    query: z.object({ before: Id.optional(), limit: Limit }),
    response: page(Message),
  }),
  addParticipants: route({
    method: 'POST', path: '/conversations/:id/participants', auth: true, status: 200,
    description: 'Any participant adds people to a group conversation.',
    params: z.object({ id: Id }),
    body: z.object({ userIds: ParticipantIds }),
    response: Conversation,
  }),
  removeParticipant: route({
    method: 'DELETE', path: '/conversations/:id/participants/:userId', auth: true, status: 204,
    description: 'A participant removes themselves; the creator removes anyone. Their sockets leave the room at once.',
    params: z.object({ id: Id, userId: Id }),
    response: z.null(),
  }),
} as const;
