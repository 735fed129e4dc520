// Thin handlers of the chat commands: contract input + caller context -> service -> ack data.
import { domains } from '@bidwire/contract';
import type { ModuleCommands } from '../../core/module.js';
import { conversationRoom } from '../../core/rooms.js';
import { toPublicUser } from '../../core/user.js';
import { requireParticipant } from './chat.access.js';
import type { ChatRepository } from './chat.repository.js';
import type { ConversationService } from './conversations.service.js';
import type { MessageService } from './messages.service.js';
import type { TypingService } from './typing.service.js';

export function chatHandlers(s: {
  conversations: ConversationService;
  messages: MessageService;
  typing: TypingService;
  repo: ChatRepository;
}): ModuleCommands<typeof domains.chat> {
  return {
    joinConversation: ({ conversationId }, ctx) =>
      s.conversations.join(conversationId, ctx.user.id, {
        join: () => ctx.rooms.join(conversationRoom(conversationId)),
        leave: () => ctx.rooms.leave(conversationRoom(conversationId)),
      }),
    leaveConversation: ({ conversationId }, ctx) => {
      ctx.rooms.leave(conversationRoom(conversationId));
      return {};
    },
    sendMessage: (input, ctx) => s.messages.send(input, ctx.user.id),
    editMessage: (input, ctx) => s.messages.edit(input, ctx.user.id),
    deleteMessage: ({ messageId }, ctx) => s.messages.remove(messageId, ctx.user.id),
    markRead: (input, ctx) => s.messages.markRead(input, ctx.user.id),
    setTyping: async ({ conversationId, isTyping }, ctx) => {
      await requireParticipant(s.repo, conversationId, ctx.user.id);
      s.typing.set(conversationId, toPublicUser(ctx.user), isTyping);
      return {};
    },
  };
}
