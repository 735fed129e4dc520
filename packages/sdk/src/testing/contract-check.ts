// Validation against the contract for the fake server: what the client sends, what a test answers
// or emits. Reports issues in the real server's `details.issues` shape.
import { commands, events, type CommandDef, type EventDef } from '@bidwire/contract';

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export type Checked = { ok: true; data: unknown } | { ok: false; issues: FieldIssue[] };

type Schema = { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ZodIssueLike[] } } };
type ZodIssueLike = { path: PropertyKey[]; message: string; code: string };

export const commandDefs = commands as unknown as Record<string, CommandDef>;
export const eventDefs = events as unknown as Record<string, EventDef>;

export function check(schema: unknown, value: unknown): Checked {
  const result = (schema as Schema).safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message, code: i.code })),
  };
}

export const describeIssues = (issues: FieldIssue[]): string => issues.map((i) => `${i.path}: ${i.message}`).join('; ');

/** Thrown at once when a test emits an event whose payload breaks the contract. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}
