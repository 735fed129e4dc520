// REST routes of SPEC §4: conversations, their history and their participants.
import { domains } from '@bidwire/contract';
import type { ModuleRoutes } from '../../core/module.js';
import type { ConversationService } from './conversations.service.js';

export const chatRoutes = (conversations: ConversationService): ModuleRoutes<typeof domains.chat> => ({
  createConversation: ({ body, user }) => conversations.create(user.id, body.participantIds, body.title),
  listConversations: ({ query, user }) => conversations.list(user.id, query.cursor, query.limit),
  listMessages: ({ params, query, user }) => conversations.history(user.id, params.id, query.before, query.limit),
  addParticipants: ({ params, body, user }) => conversations.addParticipants(user.id, params.id, body.userIds),
  removeParticipant: async ({ params, user }) => {
    await conversations.removeParticipant(user.id, params.id, params.userId);
    return null;
  },
});
