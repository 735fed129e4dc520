// Turns anything a command or REST call rejected with into a sentence a person can read.
import { BidwireError } from '@bidwire/sdk';

/**
 * The server's message for a BidwireError (e.g. "Bid must be higher than the current bid (1400)"); for
 * VALIDATION_FAILED, followed by what was wrong with each field.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof BidwireError) {
    const issues = fieldIssues(error.details);
    return issues.length > 0 ? `${error.message} (${issues.join('; ')})` : error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/** Normalises a rejection to a BidwireError, so hook state always carries `code` and `message`. */
export function asBidwireError(error: unknown, command: string): BidwireError {
  if (error instanceof BidwireError) return error;
  return new BidwireError({ code: 'INTERNAL', command, message: errorMessage(error), cause: error });
}

/** `details.issues` of VALIDATION_FAILED: `[{ path, message }]`, `(root)` for the payload as a whole. */
function fieldIssues(details: unknown): string[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    return [typeof path === 'string' && path !== '' && path !== '(root)' ? `${path}: ${message}` : message];
  });
}
