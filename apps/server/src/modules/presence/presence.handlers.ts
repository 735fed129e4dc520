// getPresence, and the connect/disconnect hooks that feed the presence registry.
import type { PartialHandlers, SocketLifecycle } from '../../realtime/handlers.js';
import type { PresenceService } from './presence.service.js';

export const presenceHandlers = (presence: PresenceService): PartialHandlers<'getPresence'> => ({
  getPresence: ({ userIds }, ctx) => presence.get(ctx.user.id, userIds),
});

export const presenceLifecycle = (presence: PresenceService): SocketLifecycle => ({
  onConnected: (ctx) => presence.socketConnected(ctx.user.id, ctx.socketId),
  onDisconnecting: (ctx) => presence.socketDisconnected(ctx.user.id, ctx.socketId),
});
