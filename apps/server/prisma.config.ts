// Prisma CLI configuration (Prisma 7 no longer reads the datasource URL from schema.prisma).
// Used by `prisma generate` (scripts/prisma-generate.mjs) and, for users with the native schema engine,
// `prisma migrate deploy` / `prisma migrate status` (DATABASE_URL picks the provider's schema and migrations).
// The server itself never loads this file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const packageRoot = path.dirname(fileURLToPath(import.meta.url));

/** Relative `file:` URLs are made absolute against apps/server, exactly like src/db/database-url.ts does. */
function resolveDatabaseUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const [filePath = '', query] = url.slice('file:'.length).split('?');
  if (filePath.startsWith('//') || path.isAbsolute(filePath)) return url;
  return `file:${path.resolve(packageRoot, filePath)}${query === undefined ? '' : `?${query}`}`;
}

const url = process.env.DATABASE_URL ?? 'file:./data/bidwire.db';
/** DATABASE_URL picks the provider's schema and migrations (prisma/providers/<provider>/ beside SQLite's). */
const provider = /^postgres(ql)?:/.test(url) ? 'postgresql' : /^(mysql|mariadb):/.test(url) ? 'mysql' : 'sqlite';
const dir = provider === 'sqlite' ? 'prisma' : `prisma/providers/${provider}`;

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  datasource: { url: resolveDatabaseUrl(url) },
});
