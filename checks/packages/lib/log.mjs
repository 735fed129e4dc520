// Progress lines for the package checks: a heading per step, an indented line per finding, and a
// loud failure that names the step.
let current = 'setup';

export function step(title) {
  current = title;
  console.log(`\n-- ${title}`);
}

export function info(line) {
  console.log(`   ${line}`);
}

export function ok(line) {
  console.log(`   ok  ${line}`);
}

/** Stops the checks: prints the step and the reason, and exits non-zero. */
export function fail(reason) {
  const error = new Error(`[${current}] ${reason}`);
  error.checkFailure = true;
  throw error;
}

export function assert(condition, reason) {
  if (!condition) fail(reason);
}
