// Topics (SPEC §6): subscribe / unsubscribe, the service routes that manage memberships, and who may
// read a topic room's history.
import { domains } from '@bidwire/contract';
import type { RoomControl } from '../../core/ports/room-control.js';
import { defineModule } from '../../core/module.js';
import { topicRoom } from '../../core/rooms.js';
import type { Db } from '../../db/client.js';
import { topicRoomAccess } from './topic-room-access.js';
import { createTopicService } from './topics.service.js';

export function createTopicsModule(d: { db: Db; rooms: RoomControl }) {
  const topics = createTopicService(d);
  return defineModule(domains.topics, {
    commands: {
      subscribe: ({ topic }, ctx) => topics.subscribe(ctx.user, topic, () => ctx.rooms.join(topicRoom(topic))),
      unsubscribe: ({ topic }, ctx) => {
        ctx.rooms.leave(topicRoom(topic));
        return {};
      },
    },
    routes: {
      addTopicMembers: ({ params, body }) => topics.addMembers(params.topic, body.userIds),
      removeTopicMember: async ({ params }) => {
        await topics.removeMember(params.topic, params.userId);
        return null;
      },
    },
    rooms: { topic: topicRoomAccess(d.db) },
  });
}
