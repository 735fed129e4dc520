// Notifications (SPEC §6): persisted per user, pushed to every socket of that user, marked read.
import * as z from 'zod';
import { command, event, route } from './define.js';
import { Cursor, Limit } from './paging.js';
import { Id, RoomEventMeta, Timestamp, page } from './shared.js';

export const Notification = z.object({
  id: Id,
  /** The domain event name for published notifications (e.g. `offerReceived`). */
  type: z.string(),
  title: z.string(),
  body: z.string(),
  /** Free JSON from the publisher (the event payload for published notifications). */
  data: z.unknown(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

const UnreadCount = z.object({ unreadCount: z.int().nonnegative() });

export const notificationCommands = {
  markNotificationsRead: command({
    description: 'Mark some (`ids`) or all (`all: true`) of your notifications read; every socket of yours gets unreadCountChanged.',
    request: z
      .object({ ids: z.array(Id).min(1).max(100).optional(), all: z.literal(true).optional() })
      .refine((v) => (v.ids === undefined) !== (v.all === undefined), 'Give either ids or all: true (not both).'),
    response: UnreadCount,
    errors: [],
    example: { request: { all: true }, response: { unreadCount: 0 } },
  }),
} as const;

export const notificationEvents = {
  notificationCreated: event({
    scope: 'room',
    room: { room: 'user' },
    description: "A notification for you (to your user room, durable there), with your new unread count.",
    payload: RoomEventMeta.extend({ notification: Notification, unreadCount: z.int().nonnegative() }),
  }),
  unreadCountChanged: event({
    scope: 'room',
    room: { room: 'user' },
    description: 'Your unread notification count after a markNotificationsRead (to every socket of yours).',
    payload: RoomEventMeta.extend(UnreadCount.shape),
  }),
} as const;

/** `unread=true|false` in a query string, or a boolean from the typed REST client. */
const QueryBool = z.union([z.boolean(), z.stringbool()]);

export const notificationRoutes = {
  listNotifications: route({
    method: 'GET', path: '/notifications', auth: true, status: 200,
    description: "The caller's notifications, newest first; `unread=true` for unread ones only.",
    query: z.object({ unread: QueryBool.optional(), cursor: Cursor.optional(), limit: Limit }),
    response: page(Notification),
  }),
  unreadNotificationCount: route({
    method: 'GET', path: '/notifications/unread-count', auth: true, status: 200,
    description: "The caller's unread notification count.",
    response: UnreadCount,
  }),
} as const;
