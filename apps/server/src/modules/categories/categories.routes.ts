// REST routes for categories: anyone signed in lists them, admins create them.
import { restRoutes } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { DomainError, forbidden } from '../../errors.js';
import type { RouteBinder } from '../../http/bind-route.js';

export function registerCategoryRoutes(bind: RouteBinder, db: Db) {
  bind(restRoutes.listCategories, async () => {
    const rows = await db.category.findMany({ orderBy: { name: 'asc' } });
    return { items: rows.map((c) => ({ id: c.id, name: c.name })), nextCursor: null };
  });

  bind(restRoutes.createCategory, async ({ body, user }) => {
    if (!user.roles.includes('admin')) throw forbidden('Only admins can create categories.');
    if (await db.category.findUnique({ where: { name: body.name } })) {
      throw new DomainError('CONFLICT', `A category named "${body.name}" already exists.`);
    }
    const row = await db.category.create({ data: { name: body.name } });
    return { id: row.id, name: row.name };
  });
}
