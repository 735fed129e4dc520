// markNotificationsRead, and the REST routes of notifications (SPEC §6).
import { restRoutes } from '@bidwire/contract';
import type { RouteBinder } from '../../http/bind-route.js';
import type { PartialHandlers } from '../../realtime/handlers.js';
import type { NotificationService } from './notifications.service.js';

export const notificationHandlers = (n: NotificationService): PartialHandlers<'markNotificationsRead'> => ({
  markNotificationsRead: ({ ids, all }, ctx) => n.markRead(ctx.user.id, all ? 'all' : (ids ?? [])),
});

export function registerNotificationRoutes(bind: RouteBinder, n: NotificationService) {
  bind(restRoutes.listNotifications, ({ query, user }) => n.list(user.id, query.unread ?? false, query.cursor, query.limit));
  bind(restRoutes.unreadNotificationCount, ({ user }) => n.unreadCount(user.id));
}
