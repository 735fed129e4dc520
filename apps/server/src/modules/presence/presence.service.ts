// Presence (SPEC §5): announces a user coming online or going offline (after the grace period) to the
// people who share a conversation with them, and answers getPresence. Ephemeral: no seq.
import type { Presence, PresenceStatus } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import type { EventEmitterPort } from '../../realtime/emitter.js';
import { createChatRepository } from '../chat/chat.repository.js';
import { userRoom } from '../rooms/room-names.js';
import type { PresenceRegistry } from './presence-registry.js';

export function createPresenceService(d: { db: Db; emitter: EventEmitterPort; registry: PresenceRegistry; log?: { error(o: object, m: string): void } }) {
  const chat = createChatRepository(d.db);

  async function announce(userId: string, status: PresenceStatus, lastSeenAt: Date | null) {
    const partners = await chat.partnerIds(userId);
    d.emitter.toRooms(partners.map(userRoom), 'presenceChanged', { userId, status, lastSeenAt: lastSeenAt?.toISOString() ?? null });
  }

  d.registry.onOffline((userId, lastSeenAt) => {
    void (async () => {
      await d.db.user.updateMany({ where: { id: userId }, data: { lastSeenAt } });
      // A socket that came back while we wrote has already announced "online": stay quiet then.
      if ((await d.registry.online([userId])).size === 0) await announce(userId, 'offline', lastSeenAt);
    })().catch((err: unknown) => d.log?.error({ err, userId }, 'presence: offline announcement failed'));
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
      const seen = new Map(
        (await d.db.user.findMany({ where: { id: { in: offline } }, select: { id: true, lastSeenAt: true } })).map((u) => [u.id, u.lastSeenAt]),
      );
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
