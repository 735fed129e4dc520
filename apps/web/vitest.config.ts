// Two kinds of tests. `unit`: screens rendered in jsdom against the SDK test kit (`@bidwire/sdk/testing`),
// on the sources of the workspace packages (no build first). `e2e`: the built server (apps/server/dist)
// serving the built app (dist/), driven in Chromium with playwright-core; run after `pnpm build` (turbo's
// test task builds first).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`../../packages/${file}`, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        resolve: {
          // Exact names: a prefix alias would turn '@bidwire/sdk/testing' into a path inside sdk/src/index.ts.
          alias: [
            { find: /^@bidwire\/contract$/, replacement: src('contract/src/index.ts') },
            { find: /^@bidwire\/sdk$/, replacement: src('sdk/src/index.ts') },
            { find: /^@bidwire\/sdk\/testing$/, replacement: src('sdk/src/testing/index.ts') },
            { find: /^@bidwire\/react$/, replacement: src('react/src/index.ts') },
          ],
        },
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 150_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
