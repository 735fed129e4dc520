// Topics (SPEC §6): subscribing needs a token grant or a service-added membership; services add and
// withdraw memberships, and a withdrawn member's sockets leave the topic room at once.
import type { Db } from '../../db/client.js';
import { forbidden } from '../../core/errors.js';
import type { RoomControl } from '../../core/ports/room-control.js';
import type { AuthUser } from '../../core/user.js';
import { currentSeq } from '../rooms/room-log.js';
import { topicRoom } from '../../core/rooms.js';
import { MESSAGES, grantAllows } from './topics.domain.js';
import { createUserRepository } from '../users/users.repository.js';
import { createTopicRepository } from './topics.repository.js';

export function createTopicService(d: { db: Db; rooms: RoomControl }) {
  const repo = createTopicRepository(d.db);
  const users = createUserRepository(d.db);
  return {
    async subscribe(user: AuthUser, topic: string, join: () => void): Promise<{ topic: string; seq: number }> {
      if (!grantAllows(user.topics, topic) && !(await repo.isMember(topic, user.id))) throw forbidden(MESSAGES.notAllowed(topic));
      // In the room before reading the seq: nothing recorded after the read can be missed.
      join();
      return { topic, seq: await currentSeq(d.db, topicRoom(topic)) };
    },

    async addMembers(topic: string, refs: readonly string[]) {
      const { ids, unknown } = await users.resolveRefs(refs);
      await repo.addMembers(topic, ids);
      return { topic, added: ids, unknownUsers: unknown };
    },

    async removeMember(topic: string, ref: string): Promise<void> {
      const { ids } = await users.resolveRefs([ref]);
      for (const id of ids) {
        await repo.removeMember(topic, id);
        d.rooms.removeUser(id, topicRoom(topic));
      }
    },
  };
}
export type TopicService = ReturnType<typeof createTopicService>;
