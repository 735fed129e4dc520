// Two builds of the same sources: the full contract (Node: the server and its generated docs, tools), and a
// lean one for browsers and React Native without the documentation text (scripts/strip-docs.ts), picked by
// the `browser` / `react-native` export conditions.
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { stripDocs } from './scripts/strip-docs.js';

const leanSources: Plugin = {
  name: 'strip-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/][^\\/]+\.ts$/ }, async (args) => ({ loader: 'ts', contents: stripDocs(await readFile(args.path, 'utf8')) }));
  },
};

export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, clean: true, sourcemap: true, target: 'es2020' },
  {
    entry: { 'index.lean': 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    sourcemap: true,
    target: 'es2020',
    esbuildPlugins: [leanSources],
  },
]);
