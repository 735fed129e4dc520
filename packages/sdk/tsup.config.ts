// Builds the two entries (`@bidwire/sdk`, `@bidwire/sdk/testing`) as ESM and CJS with bundled types.
// Two build-time steps keep zod out of the client: contract-meta.ts is replaced by the facts it
// computes (a literal), and scripts/type-only-reexport.mjs makes the .d.ts files re-export the
// contract as types only.
import * as contract from '@bidwire/contract';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { deriveContractMeta } from './src/contract-meta-derive';

const inlineContractMeta: Plugin = {
  name: 'inline-contract-meta',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]contract-meta\.ts$/ }, () => ({
      loader: 'ts',
      contents:
        "import type { ContractMeta } from './contract-meta-derive.js';\n" +
        `export const contractMeta: ContractMeta = ${JSON.stringify(deriveContractMeta(contract))};\n`,
    }));
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2020',
  // The test kit uses the client of the package's main entry (one copy of BidwireError, one createClient).
  external: ['@bidwire/sdk'],
  esbuildPlugins: [inlineContractMeta],
});
