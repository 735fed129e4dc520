import { defineConfig } from 'tsup';

export default defineConfig({
  // main.js is what `pnpm start` runs; app.js and config.js are the same build for the benchmarks, which start
  // the server in a child of their own (benchmarks/src/server-process.ts) and must measure what production runs.
  // engine-migrate-process.js is the child main.ts forks to apply pending migrations (it finds itself by its
  // own import.meta.url, so it must be a file of its own).
  entry: {
    main: 'src/main.ts',
    app: 'src/app.ts',
    config: 'src/config.ts',
    'engine-migrate-process': 'src/db/engine-migrate-process.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // Workspace packages are bundled (they ship TS/ESM), and zod: loaded from node_modules its entry imports all of
  // its locale files (64 modules, 333 KB of source kept in memory); bundled, the unused ones are left out
  // (test/production-modules.test.ts). Everything else from npm stays external.
  noExternal: [/^@bidwire\//, /^zod(\/|$)/],
});
