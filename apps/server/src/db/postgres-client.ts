// The PostgreSQL Prisma client (pg adapter); imported by client.ts only when DATABASE_URL is postgres(ql)://.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/postgresql/client.js';
import type { ConnectionErrorHandler, CreatedClient } from './client.js';

export function createPostgresClient(url: string, onError: ConnectionErrorHandler): CreatedClient {
  // Our pool, handed to the adapter (which ends it on $disconnect), so direct SQL shares its connections.
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { onPoolError: onError, onConnectionError: onError, disposeExternalPool: true }),
  });
  return { db, provider: 'postgresql', runTransaction: (fn, options) => db.$transaction(fn, options), pool };
}
