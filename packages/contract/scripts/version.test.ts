// CONTRACT_VERSION is the package's own version (read from package.json when built), never a copy.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../src/index.js';

it('CONTRACT_VERSION is the @bidwire/contract package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  expect(pkg.name).toBe('@bidwire/contract');
  expect(CONTRACT_VERSION).toBe(pkg.version);
});
