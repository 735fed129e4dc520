// Paths and the real contract for the contract:check / contract:snapshot commands and their tests.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import parseChangeset from '@changesets/parse';
import { CONTRACT_VERSION, commands, events, restRoutes, serviceRoutes, type RouteDef } from '../src/index.js';
import type { ContractSnapshot, ContractSource } from './snapshot.js';

export const PACKAGE_NAME = '@bidwire/contract';
export const SNAPSHOT_FILE = fileURLToPath(new URL('../snapshot/contract.json', import.meta.url));
const CHANGESET_DIR = fileURLToPath(new URL('../../../.changeset/', import.meta.url));

function allRoutes(): Record<string, RouteDef> {
  const clash = Object.keys(restRoutes).filter((name) => name in serviceRoutes);
  if (clash.length > 0) throw new Error(`Route names used twice (restRoutes and serviceRoutes): ${clash.join(', ')}`);
  return { ...restRoutes, ...serviceRoutes };
}

/** The contract as the package exports it. */
export const currentContract = (): ContractSource => ({ version: CONTRACT_VERSION, commands, events, routes: allRoutes() });

export function readSnapshot(file = SNAPSHOT_FILE): ContractSnapshot {
  if (!existsSync(file)) throw new Error(`No contract snapshot at ${file}: run \`pnpm contract:snapshot\` to take one.`);
  return JSON.parse(readFileSync(file, 'utf8')) as ContractSnapshot;
}

/** Pending changesets (`.changeset/*.md`, Changesets' format) that bump this package by a major. */
export function pendingMajorChangesets(dir = CHANGESET_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .filter((name) => parseChangeset(readFileSync(path.join(dir, name), 'utf8')).releases.some((r) => r.name === PACKAGE_NAME && r.type === 'major'));
}
