// resync of a conversation room: current participants only; its snapshot is what joinConversation
// answers (the conversation, its recent messages and the seq they reflect), plus the server's clock.
import type { Db } from '../../db/client.js';
import type { RoomAccess } from '../resync/room-access.js';
import { conversationRoom } from '../rooms/room-names.js';
import { requireParticipant } from './chat.access.js';
import { createChatRepository } from './chat.repository.js';
import type { ConversationService } from './conversations.service.js';

export function conversationRoomAccess(db: Db, conversations: Pick<ConversationService, 'snapshot'>): RoomAccess {
  const repo = createChatRepository(db);
  return {
    async authorize(caller, id) {
      await requireParticipant(repo, id, caller.userId);
      return conversationRoom(id);
    },
    async snapshot(caller, id) {
      return { ...(await conversations.snapshot(id, caller.userId)), serverTime: Date.now() };
    },
  };
}
