// Errors are values with stable codes: services throw DomainError, the binding layers map it.
import type { ErrorCode } from '@bidwire/contract';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalidState = (message: string) => new DomainError('INVALID_STATE', message);

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again.';
