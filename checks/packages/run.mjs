// The package checks CI runs after `pnpm build` (`pnpm check:packages`): the packed tarballs of
// @bidwire/contract and @bidwire/sdk are linted (publint, attw), installed with npm into an app
// OUTSIDE the workspace, type-checked there (bundler, node16, nodenext; ESM and CJS), measured against
// the size budgets, built for neutral and React Native resolution, and used for real: a bid against
// the built server from Node (ESM and CJS) and from Chromium, and the test kit under Jest + jsdom.
//
// Env: BIDWIRE_CHECK_KEEP=1 keeps the temp dir; BIDWIRE_CHECK_ZOD=<version> installs that zod
// (e.g. the lowest of the peer range); CHROMIUM_PATH overrides /usr/bin/chromium.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowser } from './lib/browser.mjs';
import { run } from './lib/exec.mjs';
import { assert, info, ok, step } from './lib/log.mjs';
import { startServer } from './lib/server.mjs';
import { checkBundles, checkNeutral, checkReactNative } from './lib/size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const PUBLIC = ['contract', 'sdk', 'react'];
const PRIVATE = ['apps/server', 'benchmarks'];
const bin = (name) => path.join(repoRoot, 'node_modules/.bin', name);
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

async function main() {
  const started = Date.now();
  const work = await mkdtemp(path.join(tmpdir(), 'bidwire-packages-'));
  info(`working in ${work} (outside the workspace)`);
  let server;
  try {
    const tarballs = await pack(work);
    await lint(tarballs);
    const consumer = await install(work, tarballs);
    await typecheck(consumer);

    step('bundles: size budgets, zod locales, neutral platform, React Native resolution');
    await checkBundles(consumer);
    await checkNeutral(consumer);
    await checkReactNative(consumer);

    step('a bid against the real server (apps/server/dist) from Node: ESM, then CJS');
    server = await startServer(repoRoot, work);
    await run(process.execPath, ['bid.mjs', server.url], { cwd: consumer });
    ok('ESM: bid acknowledged');
    await run(process.execPath, ['bid.cjs', server.url], { cwd: consumer });
    ok('CJS: bid acknowledged');

    step('the same bid from the browser bundle in Chromium');
    await checkBrowser(consumer, server.url);

    step('the test kit under Jest + jsdom');
    await run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci', '--colors=false'], { cwd: consumer });
    ok('Jest + jsdom: the test kit works');

    console.log(`\npackage checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server?.stop();
    if (process.env.BIDWIRE_CHECK_KEEP) info(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** `pnpm pack` each public package: workspace ranges become real versions; the private ones stay private. */
async function pack(work) {
  step('pack (pnpm pack rewrites workspace: ranges)');
  const tarballs = {};
  for (const name of PUBLIC) {
    const dir = path.join(repoRoot, 'packages', name);
    const { version } = await readJson(path.join(dir, 'package.json'));
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: dir, quiet: true });
    tarballs[name] = path.join(work, `bidwire-${name}-${version}.tgz`);
    const { output: listing } = await run('tar', ['-tzf', tarballs[name]], { quiet: true });
    for (const file of ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/CHANGELOG.md']) {
      assert(listing.split('\n').includes(file), `${path.basename(tarballs[name])} lacks ${file.slice('package/'.length)}`);
    }
    const { output: manifest } = await run('tar', ['-xOzf', tarballs[name], 'package/package.json'], { quiet: true });
    assert(!manifest.includes('workspace:'), `${name}'s packed package.json still has a workspace: range`);
    info(`${path.basename(tarballs[name])}: ${listing.trim().split('\n').length} files, no workspace: range`);
  }
  const sdk = JSON.parse((await run('tar', ['-xOzf', tarballs.sdk, 'package/package.json'], { quiet: true })).output);
  const { version: contractVersion } = await readJson(path.join(repoRoot, 'packages/contract/package.json'));
  assert(sdk.dependencies['@bidwire/contract'] === contractVersion, `the SDK should pin @bidwire/contract ${contractVersion}, has ${sdk.dependencies['@bidwire/contract']}`);
  for (const dir of PRIVATE) {
    assert((await readJson(path.join(repoRoot, dir, 'package.json'))).private === true, `${dir} must stay private`);
  }
  ok(`the SDK pins @bidwire/contract ${contractVersion}; ${PRIVATE.join(' and ')} are private`);

  const { output } = await run('pnpm', ['publish', '--dry-run', '-r', '--no-git-checks'], { cwd: repoRoot, quiet: true });
  const published = [...output.matchAll(/^\+ (@bidwire\/[\w-]+)@/gm)].map((m) => m[1]).sort();
  assert(JSON.stringify(published) === JSON.stringify(PUBLIC.map((name) => `@bidwire/${name}`).sort()), `pnpm publish --dry-run -r would publish ${published.join(', ')}`);
  ok(`pnpm publish --dry-run -r --no-git-checks: exactly ${PUBLIC.map((name) => `@bidwire/${name}`).join(', ')}`);
  return tarballs;
}

async function lint(tarballs) {
  step('publint --strict and @arethetypeswrong/cli on each tarball');
  for (const name of PUBLIC) {
    await run(bin('publint'), ['--strict', tarballs[name]], { quiet: true });
    ok(`publint: @bidwire/${name}`);
    await run(bin('attw'), ['--format', 'table-flipped', tarballs[name]], { quiet: true });
    ok(`attw (node10, node16 CJS/ESM, bundler): @bidwire/${name}`);
  }
}

/** An app outside the workspace that installs the tarballs with npm, like any npm user. */
async function install(work, tarballs) {
  step('install the tarballs with npm into an app outside the workspace');
  const consumer = path.join(work, 'app');
  await cp(path.join(here, 'consumer'), consumer, { recursive: true });
  const app = await readFile(path.join(consumer, 'types/app.ts'), 'utf8');
  await writeFile(path.join(consumer, 'types/esm.mts'), app);
  await writeFile(path.join(consumer, 'types/cjs.cts'), app);
  const sdkManifest = JSON.parse((await run('tar', ['-xOzf', tarballs.sdk, 'package/package.json'], { quiet: true })).output);
  const root = await readJson(path.join(repoRoot, 'package.json'));
  const pkg = {
    name: 'bidwire-consumer-check',
    private: true,
    type: 'module',
    dependencies: {
      '@bidwire/contract': `file:${tarballs.contract}`,
      '@bidwire/sdk': `file:${tarballs.sdk}`,
      zod: process.env.BIDWIRE_CHECK_ZOD ?? sdkManifest.peerDependencies.zod,
    },
    devDependencies: { typescript: root.devDependencies.typescript, jest: '^30.0.0', 'jest-environment-jsdom': '^30.0.0' },
    // The SDK's exact @bidwire/contract must be the tarball, never a registry package of that name.
    overrides: { '@bidwire/contract': '$@bidwire/contract' },
  };
  await writeFile(path.join(consumer, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer, quiet: true });
  const versions = {};
  for (const dep of ['@bidwire/contract', '@bidwire/sdk', 'zod', 'socket.io-client', 'typescript', 'jest']) {
    versions[dep] = (await readJson(path.join(consumer, 'node_modules', dep, 'package.json'))).version;
  }
  info(Object.entries(versions).map(([n, v]) => `${n}@${v}`).join(', '));
  ok('npm install');
  return consumer;
}

async function typecheck(consumer) {
  step('type-check the app: moduleResolution bundler, node16 and nodenext (ESM .mts and CJS .cts), skipLibCheck off');
  for (const config of ['bundler', 'node16', 'nodenext']) {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${config}.json`], { cwd: consumer });
    ok(`tsc -p tsconfig.${config}.json`);
  }
}

main().catch((error) => {
  console.error(`\nPACKAGE CHECKS FAILED\n${error.checkFailure ? error.message : error.stack}`);
  process.exit(1);
});
