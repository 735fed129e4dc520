import { defineConfig } from 'tsup';

export default defineConfig({
  // main.js is what `pnpm start` runs; app.js and config.js are the same build for the benchmarks, which start
  // the server in a child of their own (benchmarks/src/server-process.ts) and must measure what production runs.
  entry: ['src/main.ts', 'src/app.ts', 'src/config.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // Workspace packages are bundled (they ship TS/ESM); everything from npm stays external.
  noExternal: [/^@bidwire\//],
});
