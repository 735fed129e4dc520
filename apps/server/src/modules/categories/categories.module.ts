// Categories of auctions: anyone signed in lists them, admins create them.
import { domains } from '@bidwire/contract';
import { DomainError, forbidden } from '../../core/errors.js';
import { defineModule } from '../../core/module.js';
import type { Db } from '../../db/client.js';
import { createCategoryRepository } from './categories.repository.js';

export function createCategoriesModule(db: Db) {
  const repo = createCategoryRepository(db);
  return defineModule(domains.categories, {
    commands: {},
    routes: {
      listCategories: async () => {
        const rows = await repo.list();
        return { items: rows.map((c) => ({ id: c.id, name: c.name })), nextCursor: null };
      },
      createCategory: async ({ body, user }) => {
        if (!user.roles.includes('admin')) throw forbidden('Only admins can create categories.');
        if (await repo.findByName(body.name)) throw new DomainError('CONFLICT', `A category named "${body.name}" already exists.`);
        const row = await repo.create(body.name);
        return { id: row.id, name: row.name };
      },
    },
  });
}
