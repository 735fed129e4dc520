// Checking what the server sends against the contract (acks, REST responses, events): the one place that
// decides whether an outgoing value matches its schema. Used by the bindings when contract checks are on.
import type * as z from 'zod';
import { issuesOf } from '../lib/zod-issues.js';

/** An outgoing value that does not match the contract: a server bug, never the client's fault. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(
    readonly what: string,
    readonly issues: ReturnType<typeof issuesOf>,
  ) {
    super(`${what} does not match the contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Throws a ContractViolation unless `value` parses with `schema`. */
export function assertMatches(schema: z.ZodType, value: unknown, what: string): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ContractViolation(what, issuesOf(parsed.error));
}
