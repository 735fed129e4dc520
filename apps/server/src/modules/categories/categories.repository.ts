// Prisma queries of categories.
import type { Db } from '../../db/client.js';

export function createCategoryRepository(db: Db) {
  return {
    list: () => db.category.findMany({ orderBy: { name: 'asc' } }),
    findByName: (name: string) => db.category.findUnique({ where: { name } }),
    create: (name: string) => db.category.create({ data: { name } }),
  };
}
