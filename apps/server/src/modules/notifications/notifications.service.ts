// Notifications (SPEC §6): persisted per user and pushed to every socket of theirs as durable events of
// their user room (notificationCreated, unreadCountChanged), in the transaction that makes the change.
import type { Notification } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import type { Commit } from '../rooms/commit.js';
import type { Paged } from '../../lib/paged.js';
import { claimSeq, recordEvent } from '../rooms/room-log.js';
import { type Outgoing } from '../../core/events.js';
import { userRoom } from '../../core/rooms.js';
import { toNotification } from './notifications.mappers.js';
import { createNotificationRepository } from './notifications.repository.js';

export interface NewNotification {
  type: string;
  title: string;
  body: string;
  data: unknown;
}

/** Creates a notification inside `tx` and records its notificationCreated in the user's room. */
export async function createNotificationIn(tx: Tx, out: Outgoing[], userId: string, n: NewNotification, at = new Date()): Promise<Notification> {
  const room = userRoom(userId);
  const seq = await claimSeq(tx, room);
  const r = createNotificationRepository(tx);
  const notification = toNotification(
    await r.create({ userId, type: n.type, title: n.title, body: n.body, data: JSON.stringify(n.data ?? null), createdAt: at }),
  );
  out.push(await recordEvent(tx, room, seq, 'notificationCreated', { notification, unreadCount: await r.unreadCount(userId) }, at));
  return notification;
}

export function createNotificationService(d: { db: Db; commit: Commit }) {
  const repo = createNotificationRepository(d.db);
  return {
    notify: (userId: string, n: NewNotification): Promise<Notification> =>
      d.commit((tx, out) => createNotificationIn(tx, out, userId, n)),

    /** Marks some or all read; every socket of the user gets the new count (even when nothing changed). */
    markRead: (userId: string, ids: readonly string[] | 'all'): Promise<{ unreadCount: number }> =>
      d.commit(async (tx, out) => {
        const room = userRoom(userId);
        const seq = await claimSeq(tx, room);
        const r = createNotificationRepository(tx);
        await r.markRead(userId, ids, new Date());
        const unreadCount = await r.unreadCount(userId);
        out.push(await recordEvent(tx, room, seq, 'unreadCountChanged', { unreadCount }));
        return { unreadCount };
      }),

    async list(userId: string, unreadOnly: boolean, cursor: string | undefined, limit: number): Promise<Paged<Notification>> {
      const page = await repo.list(userId, unreadOnly, cursor, limit);
      return { items: page.items.map(toNotification), nextCursor: page.nextCursor };
    },

    unreadCount: async (userId: string) => ({ unreadCount: await repo.unreadCount(userId) }),
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
