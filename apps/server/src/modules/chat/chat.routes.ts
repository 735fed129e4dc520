// REST routes of SPEC §4: conversations, their history and their participants.
import { restRoutes } from '@bidwire/contract';
import type { RouteBinder } from '../../http/bind-route.js';
import type { ConversationService } from './conversations.service.js';

export function registerChatRoutes(bind: RouteBinder, conversations: ConversationService) {
  bind(restRoutes.createConversation, ({ body, user }) => conversations.create(user.id, body.participantIds, body.title));
  bind(restRoutes.listConversations, ({ query, user }) => conversations.list(user.id, query.cursor, query.limit));
  bind(restRoutes.listMessages, ({ params, query, user }) => conversations.history(user.id, params.id, query.before, query.limit));
  bind(restRoutes.addParticipants, ({ params, body, user }) => conversations.addParticipants(user.id, params.id, body.userIds));
  bind(restRoutes.removeParticipant, async ({ params, user }) => {
    await conversations.removeParticipant(user.id, params.id, params.userId);
    return null;
  });
}
