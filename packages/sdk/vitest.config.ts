// Tests run against the sources (the contract's and this package's own `@bidwire/sdk` self-import,
// used by the test kit), so they need no build first; type tests (*.test-d.ts) run through tsc as
// part of `vitest run`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@bidwire\/contract$/, replacement: src('../contract/src/index.ts') },
      { find: /^@bidwire\/sdk$/, replacement: src('./src/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
