// subscribe / unsubscribe, and the service routes that manage topic memberships.
import { serviceRoutes } from '@bidwire/contract';
import type { RouteBinder } from '../../http/bind-route.js';
import type { PartialHandlers } from '../../realtime/handlers.js';
import { topicRoom } from '../rooms/room-names.js';
import type { TopicService } from './topics.service.js';

export const topicHandlers = (topics: TopicService): PartialHandlers<'subscribe' | 'unsubscribe'> => ({
  subscribe: ({ topic }, ctx) => topics.subscribe(ctx.user, topic, () => ctx.rooms.join(topicRoom(topic))),
  unsubscribe: ({ topic }, ctx) => {
    ctx.rooms.leave(topicRoom(topic));
    return {};
  },
});

export function registerTopicRoutes(bind: RouteBinder, topics: TopicService) {
  bind(serviceRoutes.addTopicMembers, ({ params, body }) => topics.addMembers(params.topic, body.userIds));
  bind(serviceRoutes.removeTopicMember, async ({ params }) => {
    await topics.removeMember(params.topic, params.userId);
    return null;
  });
}
