// Parses DATABASE_URL into a provider-specific config. Relative SQLite paths (`file:./data/bidwire.db`) are
// resolved against the server package root (apps/server), not the process cwd, so the same URL points at the same
// file whether the server is started from the repo root, apps/server, via turbo or from dist/ — and it matches
// prisma.config.ts, which lives in apps/server.
import path from 'node:path';
import { findServerPackageRoot } from './package-root.js';

export const DEFAULT_DATABASE_URL = 'file:./data/bidwire.db';

export type DatabaseConfig =
  | { provider: 'sqlite'; url: string; filePath: string }
  | { provider: 'postgresql'; url: string }
  | { provider: 'mysql'; url: string };

export type DatabaseProvider = DatabaseConfig['provider'];

/**
 * `file:<path>[?params]` → sqlite (absolute path; query parameters are ignored),
 * `postgres://` / `postgresql://` → postgresql, `mysql://` / `mariadb://` → mysql. Anything else throws.
 */
export function parseDatabaseUrl(url: string, baseDir?: string): DatabaseConfig {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'file':
      return { provider: 'sqlite', url: trimmed, filePath: sqliteFilePath(trimmed, baseDir) };
    case 'postgres':
    case 'postgresql':
      return { provider: 'postgresql', url: trimmed };
    case 'mysql':
    case 'mariadb':
      return { provider: 'mysql', url: trimmed };
    default:
      throw new Error(
        `Unsupported DATABASE_URL scheme ${scheme ? `"${scheme}:"` : '(none)'}: use file: (SQLite), postgres(ql):// or mysql:// / mariadb://`,
      );
  }
}

function sqliteFilePath(url: string, baseDir?: string): string {
  let rest = url.slice('file:'.length).split('?')[0] ?? '';
  if (rest.startsWith('//')) rest = decodeURIComponent(new URL(url).pathname); // file:///abs/path.db
  if (rest === '' || rest === ':memory:') {
    throw new Error(`DATABASE_URL "${url}" must name a database file (in-memory SQLite is not supported)`);
  }
  return path.resolve(baseDir ?? findServerPackageRoot(), rest);
}
