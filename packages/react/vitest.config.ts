// Hook tests run in jsdom against the sources of the contract and the SDK (no build first). Most run on the SDK
// test kit (`@bidwire/sdk/testing`, test/fake.tsx); the `*.server.test.tsx` files run against a real Bidwire
// server started once for the run by test/global-setup.ts, reached through test/backend.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Exact names: a prefix alias would turn '@bidwire/sdk/testing' into a path inside sdk/src/index.ts.
    alias: [
      { find: /^@bidwire\/contract$/, replacement: src('contract/src/index.ts') },
      { find: /^@bidwire\/sdk$/, replacement: src('sdk/src/index.ts') },
      { find: /^@bidwire\/sdk\/testing$/, replacement: src('sdk/src/testing/index.ts') },
    ],
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
