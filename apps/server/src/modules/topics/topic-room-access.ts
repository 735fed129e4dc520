// Who may be in a topic room and resync it: a socket subscribed to it, or a member (or, to enter, a token grant);
// its snapshot is its current seq.
import { TopicName } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { DomainError, forbidden } from '../../core/errors.js';
import type { RoomAccess } from '../../core/module.js';
import { currentSeq } from '../rooms/room-log.js';
import { topicRoom } from '../../core/rooms.js';
import { grantAllows } from './topics.domain.js';
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
    // As `subscribe` decides: a grant in the token, or a membership a service added.
    mayEnter: async (user, id) => grantAllows(user.topics, id) || repo.isMember(id, user.id),
    async snapshot(caller, id) {
      return { seq: await currentSeq(db, await authorize(caller, id)), serverTime: Date.now() };
    },
  };
}
