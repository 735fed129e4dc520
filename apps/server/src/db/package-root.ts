// Locates the @bidwire/server package root (apps/server), both from TS sources (vitest/tsx) and the tsup bundle
// (dist/main.js), so files that ship next to the package (prisma/migrations, data/) resolve the same way.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@bidwire/server';
let cached: string | undefined;

/** Walks up from `startDir` (default: this module's directory) to the package.json named @bidwire/server. */
export function findServerPackageRoot(startDir?: string): string {
  if (startDir === undefined && cached !== undefined) return cached;
  const from = startDir ?? path.dirname(fileURLToPath(import.meta.url));
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
      if (startDir === undefined) cached = dir;
      return dir;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`Could not find the ${PACKAGE_NAME} package root above ${from}`);
}

function readPackageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string'
      ? parsed.name
      : undefined;
  } catch {
    return undefined;
  }
}
