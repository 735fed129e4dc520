// Bundle checks with esbuild, run on the packages as an app installs them: size budgets (minified,
// gzipped), zod locale files, a platform-neutral build of the SDK (no Node built-in), and the SDK
// resolved the way React Native's Metro resolves it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { assert, fail, info, ok } from './log.mjs';

const KB = 1024;
/** The budgets of issue 14, in bytes, minified and gzipped. */
export const BUDGETS = { everything: 60 * KB, ownCode: 15 * KB };

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const isZod = (input) => /(^|\/)node_modules\/zod\//.test(input);
const isContract = (input) => /(^|\/)node_modules\/@bidwire\/contract\//.test(input);
const zodLocale = (input) => (isZod(input) ? /\/locales\/([\w-]+)\.[cm]?js$/.exec(input)?.[1] : undefined);

async function measure(cwd, contents, options = {}) {
  const result = await build({
    stdin: { contents, resolveDir: cwd, loader: 'js' },
    absWorkingDir: cwd,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const bytesIn = Object.fromEntries(Object.entries(output.inputs).map(([file, i]) => [file, i.bytesInOutput]));
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(bytesIn), bytesIn };
}

/** Runs every bundle check; returns the figures for the report. */
export async function checkBundles(cwd) {
  const figures = {};
  const row = (name, what, m) => {
    figures[name] = { minified: m.minified, gzipped: m.gzipped };
    info(`${name.padEnd(12)} ${kb(m.minified).padStart(9)} min  ${kb(m.gzipped).padStart(8)} gzip   ${what}`);
  };

  const client = await measure(cwd, "export { createClient, createRestClient, isBidwireError, settle } from '@bidwire/sdk';");
  row('client', 'createClient + createRestClient + errors (SDK + socket.io-client)', client);
  const sdk = await measure(cwd, "export * from '@bidwire/sdk';");
  row('sdk', 'everything @bidwire/sdk exports (SDK + socket.io-client)', sdk);
  for (const [name, m] of [['client', client], ['sdk', sdk]]) {
    const leaked = m.inputs.filter((i) => isZod(i) || isContract(i));
    assert(leaked.length === 0, `the ${name} bundle must hold no zod and no contract schema, but holds ${leaked.slice(0, 5).join(', ')}`);
  }
  ok('the SDK bundles hold no zod at all (the client reads the contract facts inlined at build time)');

  const everything = await measure(cwd, "export * from '@bidwire/sdk';\nexport * from '@bidwire/contract';");
  row('everything', 'SDK + contract (all schemas) + socket.io-client + zod', everything);
  const ownCode = await measure(cwd, "export * from '@bidwire/sdk';\nexport * from '@bidwire/contract';", { external: ['socket.io-client', 'zod'] });
  row('own code', 'SDK + contract, without socket.io-client and zod', ownCode);
  const sdkOwn = await measure(cwd, "export * from '@bidwire/sdk';", { external: ['socket.io-client'] });
  row('sdk own', 'the SDK alone', sdkOwn);
  const contractOwn = await measure(cwd, "export * from '@bidwire/contract';", { external: ['zod'] });
  row('contract own', 'the contract alone (its schemas)', contractOwn);
  const testing = await measure(cwd, "export * from '@bidwire/sdk/testing';");
  row('testing', '@bidwire/sdk/testing (test code, not budgeted)', testing);

  assert(everything.gzipped <= BUDGETS.everything, `SDK + contract + socket.io-client + zod is ${kb(everything.gzipped)} gzipped; the budget is ${kb(BUDGETS.everything)}`);
  ok(`SDK + contract + socket.io-client + zod: ${kb(everything.gzipped)} <= ${kb(BUDGETS.everything)}`);
  assert(ownCode.gzipped <= BUDGETS.ownCode, `the SDK's and contract's own code is ${kb(ownCode.gzipped)} gzipped; the budget is ${kb(BUDGETS.ownCode)}`);
  ok(`SDK + contract own code: ${kb(ownCode.gzipped)} <= ${kb(BUDGETS.ownCode)}`);

  // zod registers its English messages in ZodType's constructor (classic/schemas.js imports
  // locales/en.js), so en comes with any zod schema; any other locale means someone pulled
  // `z.locales` in (e.g. `import { z } from 'zod'` or `z.config(...)`).
  for (const [name, m] of [['everything', everything], ['testing', testing]]) {
    const locales = [...new Set(m.inputs.map(zodLocale).filter(Boolean))];
    const foreign = locales.filter((l) => l !== 'en');
    assert(foreign.length === 0, `the ${name} bundle holds zod locale files ${foreign.join(', ')}: something imports zod's locales`);
    info(`zod locales in the ${name} bundle: ${locales.join(', ') || 'none'} (en is zod's built-in default: ${kb(localeBytes(m, 'en'))} minified)`);
  }
  ok('no zod locale beyond its built-in English');
  figures.enLocale = localeBytes(everything, 'en');
  return figures;
}

/** Minified bytes the files of one zod locale add to a bundle. */
function localeBytes(m, locale) {
  return m.inputs.filter((i) => zodLocale(i) === locale).reduce((sum, i) => sum + m.bytesIn[i], 0);
}

/**
 * The SDK's own code, both builds, bundled for esbuild's platform-neutral target: any Node built-in
 * fails to resolve. (Metro without package exports picks the CJS build through `main`.)
 */
export async function checkNeutral(cwd) {
  for (const [file, format] of [['index.js', 'esm'], ['index.cjs', 'cjs']]) {
    const entry = path.join(cwd, 'node_modules/@bidwire/sdk/dist', file);
    let result;
    try {
      result = await build({
        entryPoints: [entry],
        absWorkingDir: cwd,
        bundle: true,
        platform: 'neutral',
        format,
        external: ['socket.io-client'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
    } catch (error) {
      fail(`dist/${file} does not build for a neutral platform (a Node built-in?):\n${error.message}`);
    }
    const inputs = Object.keys(result.metafile.inputs);
    assert(inputs.every((i) => i.includes('node_modules/@bidwire/sdk/')), `the neutral build of dist/${file} pulled in ${inputs.join(', ')}`);
    const source = await readFile(entry, 'utf8');
    const nodeGlobals = source.match(/\b(process\.|Buffer\b|__dirname|__filename|global\.)/g);
    assert(!nodeGlobals, `dist/${file} uses Node globals: ${nodeGlobals?.join(', ')}`);
    ok(`dist/${file} builds for platform "neutral": no Node built-in, no Node global`);
  }
}

/**
 * Resolves the SDK as Metro does for iOS/Android: export conditions react-native, import/require,
 * default (never `browser`), and the `browser` field's file replacements (Metro's resolverMainFields
 * are react-native, browser, main). esbuild applies those replacements only on its browser platform,
 * which also asserts the `browser` export condition; the check proves no package in the graph has
 * one, so the result is what Metro resolves. Fails on any Node built-in in the graph.
 */
export async function checkReactNative(cwd) {
  let result;
  try {
    result = await build({
      stdin: { contents: "export * from '@bidwire/sdk';", resolveDir: cwd, loader: 'js' },
      absWorkingDir: cwd,
      bundle: true,
      platform: 'browser',
      conditions: ['react-native'],
      mainFields: ['react-native', 'browser', 'main'],
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    fail(`the SDK does not resolve under Metro's conditions:\n${error.message}`);
  }
  const inputs = Object.keys(result.metafile.inputs);
  assert(inputs.includes('node_modules/@bidwire/sdk/dist/index.js'), `the react-native condition should pick dist/index.js; inputs: ${inputs.join(', ')}`);
  const packages = [...new Set(inputs.map((i) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1]).filter(Boolean))];
  for (const name of packages) {
    const { exports } = JSON.parse(await readFile(path.join(cwd, 'node_modules', name, 'package.json'), 'utf8'));
    assert(!JSON.stringify(exports ?? {}).includes('"browser"'), `${name} has a "browser" export condition: this emulation would not match Metro`);
  }
  const nodeOnly = inputs.filter((i) => /\.node\.js$|node_modules\/(ws|xmlhttprequest-ssl)\//.test(i));
  assert(nodeOnly.length === 0, `Node-only modules in the React Native resolution: ${nodeOnly.join(', ')}`);
  ok(`react-native condition: @bidwire/sdk -> dist/index.js; ${packages.join(', ')}: ${inputs.length} files, no Node module, no "browser" condition`);
}
