// Notifications (SPEC §6): markNotificationsRead, the REST list and unread count, and the user room
// (`user:<id>`, resynced as `me`) where they and every other user-room event are delivered.
import { domains } from '@bidwire/contract';
import { defineModule } from '../../core/module.js';
import type { Db } from '../../db/client.js';
import type { Commit } from '../rooms/commit.js';
import { createNotificationService } from './notifications.service.js';
import { userRoomAccess } from './user-room-access.js';

export function createNotificationsModule(d: { db: Db; commit: Commit }) {
  const notifications = createNotificationService(d);
  return defineModule(domains.notifications, {
    commands: {
      markNotificationsRead: ({ ids, all }, ctx) => notifications.markRead(ctx.user.id, all ? 'all' : (ids ?? [])),
    },
    routes: {
      listNotifications: ({ query, user }) => notifications.list(user.id, query.unread ?? false, query.cursor, query.limit),
      unreadNotificationCount: ({ user }) => notifications.unreadCount(user.id),
    },
    rooms: { user: userRoomAccess(d.db) },
  });
}
