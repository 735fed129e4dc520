import { defineConfig } from 'tsup';

// react and @bidwire/sdk are peer dependencies: tsup leaves them external, so the app's copies are used.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2020',
});
