// Turns zod issues into the `details.issues` list clients receive with VALIDATION_FAILED.
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message, code: i.code }));
