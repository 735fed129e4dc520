// Presence (SPEC §5): getPresence, and the socket hooks that feed the presence registry.
import { domains } from '@bidwire/contract';
import type { EventEmitterPort } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { defineModule } from '../../core/module.js';
import type { PresenceRegistry } from '../../core/ports/presence-registry.js';
import type { Db } from '../../db/client.js';
import { createPresenceService } from './presence.service.js';

export function createPresenceModule(d: { db: Db; emitter: EventEmitterPort; registry: PresenceRegistry; log: Logger }) {
  const presence = createPresenceService(d);
  return defineModule(domains.presence, {
    commands: {
      getPresence: ({ userIds }, ctx) => presence.get(ctx.user.id, userIds),
    },
    routes: {},
    sockets: {
      connected: (ctx) => presence.socketConnected(ctx.user.id, ctx.socketId),
      disconnecting: (ctx) => presence.socketDisconnected(ctx.user.id, ctx.socketId),
    },
    stop: () => d.registry.close(),
  });
}
