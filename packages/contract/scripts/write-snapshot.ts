// `pnpm contract:snapshot`: records the contract as released (snapshot/contract.json), the baseline of
// `pnpm contract:check`. Run it at release, right after the version bump (see packages/contract/README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { currentContract, SNAPSHOT_FILE } from './contract.js';
import { describeContract } from './snapshot.js';

const snapshot = describeContract(currentContract());
mkdirSync(path.dirname(SNAPSHOT_FILE), { recursive: true });
writeFileSync(SNAPSHOT_FILE, JSON.stringify(snapshot, null, 2) + '\n');
const count = (o: object) => Object.keys(o).length;
console.log(
  `contract:snapshot — ${snapshot.version}: ${count(snapshot.commands)} commands, ${count(snapshot.events)} events, ` +
    `${count(snapshot.routes)} routes → ${SNAPSHOT_FILE}`,
);
