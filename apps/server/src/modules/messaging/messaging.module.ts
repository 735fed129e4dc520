// Chat, presence, notifications, topics and the publish API (SPEC §4–6) wired together: their
// services, command handlers, REST and service routes, socket hooks and resync room access.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { RouteBinder } from '../../http/bind-route.js';
import { createCommit } from '../../lib/commit.js';
import type { EventEmitterPort } from '../../realtime/emitter.js';
import type { PartialHandlers, SocketLifecycle } from '../../realtime/handlers.js';
import { createRoomControl } from '../../realtime/room-control.js';
import type { BidwireServer } from '../../realtime/types.js';
import { chatHandlers } from '../chat/chat.handlers.js';
import { createChatRepository } from '../chat/chat.repository.js';
import { registerChatRoutes } from '../chat/chat.routes.js';
import { conversationRoomAccess } from '../chat/conversation-room-access.js';
import { createConversationService } from '../chat/conversations.service.js';
import { createMessageService } from '../chat/messages.service.js';
import { createLocalTypingTimers } from '../chat/typing-timers.js';
import { createTypingService } from '../chat/typing.service.js';
import { createIdempotency } from '../idempotency/idempotency.js';
import { notificationHandlers, registerNotificationRoutes } from '../notifications/notifications.handlers.js';
import { createNotificationService } from '../notifications/notifications.service.js';
import type { PresenceRegistry } from '../presence/presence-registry.js';
import { presenceHandlers, presenceLifecycle } from '../presence/presence.handlers.js';
import { createPresenceService } from '../presence/presence.service.js';
import { registerPublishRoutes } from '../publish/publish.routes.js';
import { createPublisher, type Publish } from '../publish/publish.service.js';
import { topicRoomAccess } from '../topics/topic-room-access.js';
import { registerTopicRoutes, topicHandlers } from '../topics/topics.handlers.js';
import { createTopicService } from '../topics/topics.service.js';

type MessagingCommand =
  | 'joinConversation' | 'leaveConversation' | 'sendMessage' | 'editMessage' | 'deleteMessage' | 'markRead' | 'setTyping'
  | 'getPresence' | 'markNotificationsRead' | 'subscribe' | 'unsubscribe';

export interface MessagingDeps {
  db: Db;
  io: BidwireServer;
  emitter: EventEmitterPort;
  bind: RouteBinder;
  config: Pick<Config, 'presenceGraceMs' | 'typingTimeoutMs'>;
  /** In-process, or shared through Redis in multi-node mode (cluster/cluster-ports.ts). */
  presenceRegistry: PresenceRegistry;
  log: FastifyBaseLogger;
}

export function installMessaging(d: MessagingDeps) {
  const commit = createCommit(d.db, d.emitter);
  const rooms = createRoomControl(d.io);
  const typingTimers = createLocalTypingTimers();
  const typing = createTypingService({ emitter: d.emitter, timers: typingTimers, timeoutMs: d.config.typingTimeoutMs });
  const chatDeps = { db: d.db, commit, rooms, typing };
  const conversations = createConversationService(chatDeps);
  const messages = createMessageService({ ...chatDeps, idempotency: createIdempotency(d.db) });
  const presenceRegistry = d.presenceRegistry;
  const presence = createPresenceService({ db: d.db, emitter: d.emitter, registry: presenceRegistry, log: d.log });
  const notifications = createNotificationService({ db: d.db, commit });
  const topics = createTopicService({ db: d.db, rooms });
  const publish: Publish = createPublisher({ db: d.db, commit, emitter: d.emitter });

  registerChatRoutes(d.bind, conversations);
  registerNotificationRoutes(d.bind, notifications);
  registerPublishRoutes(d.bind, publish);
  registerTopicRoutes(d.bind, topics);

  const handlers: PartialHandlers<MessagingCommand> = {
    ...chatHandlers({ conversations, messages, typing, repo: createChatRepository(d.db) }),
    ...presenceHandlers(presence),
    ...notificationHandlers(notifications),
    ...topicHandlers(topics),
  };
  const lifecycles: SocketLifecycle[] = [presenceLifecycle(presence)];

  return {
    handlers,
    lifecycles,
    publish,
    notifications,
    roomAccess: { conversation: conversationRoomAccess(d.db, conversations), topic: topicRoomAccess(d.db) },
    close() {
      typingTimers.close();
      presenceRegistry.close();
    },
  };
}
export type Messaging = ReturnType<typeof installMessaging>;
