// The child processes (servers and load workers) run as plain JavaScript, as production runs: each entry is
// bundled once per `pnpm bench` with esbuild into benchmarks/.children (npm packages stay imports, resolved from
// this package). Through tsx's loader every child paid tens of MB of RSS and CPU of its own (measured: the same
// Bidwire build 5 s after start, plain node 175 MB, through tsx 250 MB), and tsx compiles with keepNames (a
// property store on every closure), so memory figures did not describe production. No keepNames here.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILDREN_DIR = path.resolve(here, '..', '.children');
const ENTRIES = ['server-process', 'baseline-server', 'load-worker'] as const;
export type ChildEntry = (typeof ENTRIES)[number];

/** Bundles the children; resolves to the path of each entry's .mjs. */
export async function buildChildren(): Promise<Record<ChildEntry, string>> {
  await build({
    entryPoints: ENTRIES.map((name) => path.join(here, `${name}.ts`)),
    outdir: CHILDREN_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return Object.fromEntries(ENTRIES.map((name) => [name, path.join(CHILDREN_DIR, `${name}.mjs`)])) as Record<ChildEntry, string>;
}
