// Chat (SPEC §4): conversations, messages, typing and read receipts; who may read a conversation room.
import { domains } from '@bidwire/contract';
import type { EventEmitterPort } from '../../core/events.js';
import { defineModule } from '../../core/module.js';
import type { RoomControl } from '../../core/ports/room-control.js';
import type { Db } from '../../db/client.js';
import { createIdempotency } from '../idempotency/idempotency.js';
import type { Commit } from '../rooms/commit.js';
import { chatHandlers } from './chat.handlers.js';
import { createChatRepository } from './chat.repository.js';
import { chatRoutes } from './chat.routes.js';
import { conversationRoomAccess } from './conversation-room-access.js';
import { createConversationService } from './conversations.service.js';
import { createMessageService } from './messages.service.js';
import { createLocalTypingTimers } from './typing-timers.js';
import { createTypingService } from './typing.service.js';

export interface ChatModuleDeps {
  db: Db;
  commit: Commit;
  emitter: EventEmitterPort;
  rooms: RoomControl;
  typingTimeoutMs: number;
}

export function createChatModule(d: ChatModuleDeps) {
  const typingTimers = createLocalTypingTimers();
  const typing = createTypingService({ emitter: d.emitter, timers: typingTimers, timeoutMs: d.typingTimeoutMs });
  const chatDeps = { db: d.db, commit: d.commit, rooms: d.rooms, typing };
  const conversations = createConversationService(chatDeps);
  const messages = createMessageService({ ...chatDeps, idempotency: createIdempotency(d.db) });
  return defineModule(domains.chat, {
    commands: chatHandlers({ conversations, messages, typing, repo: createChatRepository(d.db) }),
    routes: chatRoutes(conversations),
    rooms: { conversation: conversationRoomAccess(d.db, conversations) },
    stop: () => typingTimers.close(),
  });
}
