// `pnpm contract:check`: fails when the contract breaks its clients compared with the snapshot of the last
// release (snapshot/contract.json), unless the major version moved. Additive changes pass. The rules:
// packages/contract/README.md.
import { currentContract, pendingMajorChangesets, readSnapshot, SNAPSHOT_FILE } from './contract.js';
import { verdict } from './compare.js';
import { RULES, type Change } from './rules.js';
import { describeContract } from './snapshot.js';

const before = readSnapshot();
const after = describeContract(currentContract());
const result = verdict(before, after, pendingMajorChangesets());
const line = (c: Change) => `  ${c.rule === 'ADDITIVE' ? '+' : '✗'} ${c.where}: ${c.message}`;

console.log(`contract:check — ${after.version} against the snapshot of ${before.version} (${SNAPSHOT_FILE})`);
if (result.additive.length > 0) console.log(`${result.additive.length} compatible change(s):\n${result.additive.map(line).join('\n')}`);
if (result.breaking.length === 0) {
  console.log('No breaking change.');
} else {
  const rules = [...new Set(result.breaking.map((c) => c.rule))] as Array<keyof typeof RULES>;
  console.log(`${result.breaking.length} breaking change(s):\n${result.breaking.map(line).join('\n')}`);
  console.log(`Rules:\n${rules.map((r) => `  ${r}: ${RULES[r]}`).join('\n')}`);
  if (result.ok) console.log(`Allowed: ${result.allowedBy}.`);
  else {
    console.error(
      '\nThese changes break existing clients. Make them additive (a new optional field, a new command or event), ' +
        'or release them as a new major version: add a changeset that bumps @bidwire/contract by `major`.',
    );
    process.exitCode = 1;
  }
}
