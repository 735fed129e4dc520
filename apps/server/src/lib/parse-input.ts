// Parsing what a client sent: zod's answer, or a refusal for a value zod cannot even read.
import type * as z from 'zod';
import { issuesOf, type FieldIssue } from './zod-issues.js';

export type ParsedInput<T> = { success: true; data: T } | { success: false; issues: FieldIssue[] };

const UNREADABLE = 'Expected text or a list; received an object whose length is not a number.';

/**
 * `schema.safeParse(value)` for untrusted input. zod 4 (4.6.7, the latest today) runs a length check
 * (`.min`, `.max` on text or lists) on any value that has a `length`, even one that failed the type
 * check, and compares that `length` with a number: JSON such as `{"auctionId":{"length":{"toString":0}}}`
 * makes safeParse throw a TypeError ("Cannot convert object to primitive value") instead of failing.
 * That input is invalid, not a server fault: it is refused like any other (VALIDATION_FAILED, naming the
 * field), never answered INTERNAL. Other errors are not the input's doing and propagate.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): ParsedInput<z.output<S>> {
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return { success: false, issues: [{ path: objectLengthPath(value) ?? '(root)', message: UNREADABLE, code: 'invalid_type' }] };
  }
  return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: issuesOf(parsed.error) };
}

/** Nesting the search below goes into: no schema of the contract is deeper; a hostile value may be far deeper. */
const MAX_DEPTH = 16;

/** Where in a JSON value the first object with an object `length` sits ('(root)' for the value itself). */
function objectLengthPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value !== 'object' || value === null || path.length > MAX_DEPTH) return undefined;
  const length = (value as { length?: unknown }).length;
  if (!Array.isArray(value) && typeof length === 'object' && length !== null) return path.join('.') || '(root)';
  for (const [key, inner] of Object.entries(value)) {
    const found = objectLengthPath(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
