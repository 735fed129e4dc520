// Who may be in a conversation room and resync it: current participants only; its snapshot is what
// joinConversation answers (the conversation, its recent messages and the seq they reflect), plus the clock.
import type { Db } from '../../db/client.js';
import type { RoomAccess } from '../../core/module.js';
import { conversationRoom } from '../../core/rooms.js';
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
    async mayEnter(user, id) {
      const participant = await repo.participant(id, user.id);
      return !!participant && participant.removedAt === null;
    },
    async snapshot(caller, id) {
      return { ...(await conversations.snapshot(id, caller.userId)), serverTime: Date.now() };
    },
  };
}
