// Presence (SPEC §5): announces a user coming online or going offline (after the grace period) to the
// people who share a conversation with them, and answers getPresence. Ephemeral: no seq.
import type { Presence, PresenceStatus } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import type { EventEmitterPort } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { createChatRepository } from '../chat/chat.repository.js';
import { readPartnerIds } from '../chat/partners-read.js';
import { createUserRepository } from '../users/users.repository.js';
import { userRoom } from '../../core/rooms.js';
import { createSharedRead } from '../../lib/shared-read.js';
import type { PresenceRegistry } from '../../core/ports/presence-registry.js';

export function createPresenceService(d: { db: Db; emitter: EventEmitterPort; registry: PresenceRegistry; log: Logger }) {
  const chat = createChatRepository(d.db);
  const users = createUserRepository(d.db);

  // Users coming online together (a reconnect storm) have their partners read together: one read for the users
  // that came online while the previous one ran, started after they did (lib/shared-read.ts).
  const partnersOf = createSharedRead<string, string[]>(async (_key, userIds) => {
    const partners = await readPartnerIds(d.db, userIds);
    return userIds.map((id) => partners.get(id) ?? []);
  });

  async function announce(userId: string, status: PresenceStatus, lastSeenAt: Date | null) {
    const partners = await partnersOf('announce', userId);
    d.emitter.toRooms(partners.map(userRoom), {
      event: 'presenceChanged',
      payload: { userId, status, lastSeenAt: lastSeenAt?.toISOString() ?? null },
    });
  }

  d.registry.onOffline((userId, lastSeenAt) => {
    void (async () => {
      await users.setLastSeen(userId, lastSeenAt);
      // A socket that came back while we wrote has already announced "online": stay quiet then.
      if ((await d.registry.online([userId])).size === 0) await announce(userId, 'offline', lastSeenAt);
    })().catch((err: unknown) => d.log.error({ err, userId }, 'presence: offline announcement failed'));
  });

  return {
    async socketConnected(userId: string, socketId: string): Promise<void> {
      if (await d.registry.socketConnected(userId, socketId)) await announce(userId, 'online', null);
    },

    async socketDisconnected(userId: string, socketId: string): Promise<void> {
      await d.registry.socketDisconnected(userId, socketId, new Date());
    },

    /** The caller's own presence and their conversation partners'; other ids are left out. */
    async get(callerId: string, userIds: readonly string[]): Promise<{ presence: Presence[] }> {
      const visible = new Set([callerId, ...(await chat.partnerIds(callerId))]);
      const asked = [...new Set(userIds)].filter((id) => visible.has(id));
      const online = await d.registry.online(asked);
      const offline = asked.filter((id) => !online.has(id));
      const seen = await users.lastSeen(offline);
      return {
        presence: asked.map((userId) =>
          online.has(userId)
            ? { userId, status: 'online' as const, lastSeenAt: null }
            : { userId, status: 'offline' as const, lastSeenAt: seen.get(userId)?.toISOString() ?? null },
        ),
      };
    },
  };
}
export type PresenceService = ReturnType<typeof createPresenceService>;
