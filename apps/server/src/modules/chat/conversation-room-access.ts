// resync of a conversation room: current participants only; its snapshot is its current seq (the
// full state comes from joinConversation).
import type { Db } from '../../db/client.js';
import type { RoomAccess } from '../resync/room-access.js';
import { currentSeq } from '../rooms/room-log.js';
import { conversationRoom } from '../rooms/room-names.js';
import { requireParticipant } from './chat.access.js';
import { createChatRepository } from './chat.repository.js';

export function conversationRoomAccess(db: Db): RoomAccess {
  const repo = createChatRepository(db);
  const authorize = async (caller: { userId: string }, id: string) => {
    await requireParticipant(repo, id, caller.userId);
    return conversationRoom(id);
  };
  return {
    authorize,
    async snapshot(caller, id) {
      return { seq: await currentSeq(db, await authorize(caller, id)), serverTime: Date.now() };
    },
  };
}
