// resync of a topic room: for a socket subscribed to it, or a member; its snapshot is its current seq.
import { TopicName } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { DomainError, forbidden } from '../../errors.js';
import type { RoomAccess } from '../resync/room-access.js';
import { currentSeq } from '../rooms/room-log.js';
import { topicRoom } from '../rooms/room-names.js';
import { createTopicRepository } from './topics.repository.js';

export function topicRoomAccess(db: Db): RoomAccess {
  const repo = createTopicRepository(db);
  const authorize = async (caller: { userId: string; isInRoom(room: string): boolean }, id: string) => {
    if (!TopicName.safeParse(id).success) throw new DomainError('NOT_FOUND', 'No topic by that name.');
    const room = topicRoom(id);
    if (!caller.isInRoom(room) && !(await repo.isMember(id, caller.userId))) throw forbidden('Subscribe to the topic first.');
    return room;
  };
  return {
    authorize,
    async snapshot(caller, id) {
      return { seq: await currentSeq(db, await authorize(caller, id)), serverTime: Date.now() };
    },
  };
}
