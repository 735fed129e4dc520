// Notification rows to the contract's shape (the JSON text of `data` parsed back).
import type { Notification } from '@bidwire/contract';

export interface NotificationRow {
  id: string;
  type: string;
  title: string;
  body: string;
  data: string;
  createdAt: Date;
  readAt: Date | null;
}

export const toNotification = (n: NotificationRow): Notification => ({
  id: n.id,
  type: n.type,
  title: n.title,
  body: n.body,
  data: JSON.parse(n.data) as unknown,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
