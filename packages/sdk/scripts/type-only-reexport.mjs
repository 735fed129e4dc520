// After tsup: rollup-plugin-dts (its .d.ts bundler) turns `export type * from '@bidwire/contract'` into
// `export * from`, which would promise the contract's schemas as values of @bidwire/sdk (they are
// not in its JavaScript). Puts the `type` back, and fails the build if the line is not found.
import { readFile, writeFile } from 'node:fs/promises';

const LINE = "export * from '@bidwire/contract';";
for (const file of ['dist/index.d.ts', 'dist/index.d.cts']) {
  const url = new URL(`../${file}`, import.meta.url);
  const text = await readFile(url, 'utf8');
  if (!text.includes(LINE)) throw new Error(`${file}: "${LINE}" not found; the build changed, check this script`);
  await writeFile(url, text.replace(LINE, "export type * from '@bidwire/contract';"));
}
