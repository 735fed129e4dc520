// The MySQL/MariaDB Prisma client (mariadb adapter); imported by client.ts only when DATABASE_URL is
// mysql:// or mariadb://.
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '../generated/mysql/client.js';
import type { ConnectionErrorHandler, CreatedClient } from './client.js';

/** `url` as the MariaDB driver reads it (client.ts's `mariadbUrl`). */
export function createMysqlClient(url: string, onError: ConnectionErrorHandler): CreatedClient {
  const db = new PrismaClient({ adapter: new PrismaMariaDb(url, { onConnectionError: onError }) });
  return { db, provider: 'mysql', runTransaction: (fn, options) => db.$transaction(fn, options) };
}
