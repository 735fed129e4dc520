#!/usr/bin/env node
// Runs `prisma generate` fully offline (postinstall + `pnpm generate`) for every provider: SQLite from
// prisma/schema.prisma into src/generated/prisma, PostgreSQL and MySQL from the schemas derived from it
// (scripts/provider-schemas.mjs) into src/generated/postgresql and src/generated/mysql.
// Prisma 7's CLI checks for a native schema engine at start and tries to download it; generation does not need
// it, so PRISMA_SCHEMA_ENGINE_BINARY is pointed at an existing file (the node binary) to skip that download.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedClientDir, generationSchemaPath, PROVIDERS, writeProviderSchemas } from './provider-schemas.mjs';
import { readWasmOnce } from './wasm-read-once.mjs';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(packageRoot, 'package.json'));

let prismaCli;
try {
  const prismaPackageJson = require.resolve('prisma/package.json');
  prismaCli = path.join(path.dirname(prismaPackageJson), 'build', 'index.js');
} catch {
  // `prisma` is a devDependency: a production-only install cannot generate. Do not fail the install.
  console.warn('[prisma-generate] the `prisma` CLI is not installed (production install?): skipping generation.');
  process.exit(0);
}

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
env.CHECKPOINT_DISABLE ??= '1'; // no telemetry / version check request
env.PRISMA_GENERATE_SKIP_AUTOINSTALL ??= '1';

writeProviderSchemas();
for (const provider of PROVIDERS) {
  const schema = path.relative(packageRoot, generationSchemaPath(provider));
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    cwd: packageRoot,
    env,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error('[prisma-generate] failed to start the prisma CLI:', result.error);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  const clientClass = path.join(generatedClientDir(provider), 'internal', 'class.ts');
  writeFileSync(clientClass, readWasmOnce(readFileSync(clientClass, 'utf8'), clientClass));
}
