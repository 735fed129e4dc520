// Prisma queries of notifications. Takes the database or a transaction client.
import type { DbOrTx } from '../../db/tx.js';
import { afterCursor, paged } from '../../lib/paged.js';

export function createNotificationRepository(db: DbOrTx) {
  return {
    create: (data: { userId: string; type: string; title: string; body: string; data: string; createdAt: Date }) =>
      db.notification.create({ data }),

    unreadCount: (userId: string) => db.notification.count({ where: { userId, readAt: null } }),

    /** Marks the given (or all) unread notifications of the user read; others' ids are ignored. */
    markRead: (userId: string, ids: readonly string[] | 'all', at: Date) =>
      db.notification.updateMany({
        where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: [...ids] } }) },
        data: { readAt: at },
      }),

    list: (userId: string, unreadOnly: boolean, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.notification.findMany({
          where: { userId, ...(unreadOnly ? { readAt: null } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
        }),
      ),
  };
}
