// The one error type the SDK rejects with, for socket commands and REST calls alike,
// so an app needs a single `instanceof` check and a `switch` on a stable code.
import type { CommandErrorCode, CommandName, ErrorCode } from '@bidwire/contract';

/**
 * The server's codes plus two that only the client can observe: the server never
 * answered in time, or the connection was gone before it could.
 */
export type ClientErrorCode = ErrorCode | 'TIMEOUT' | 'DISCONNECTED';

export interface BidwireErrorInit<C extends ClientErrorCode> {
  code: C;
  message: string;
  /** The command, REST route or event the failure belongs to. */
  command: string;
  details?: unknown;
  /** HTTP status, for REST calls only. */
  status?: number;
  cause?: unknown;
}

export class BidwireError<C extends ClientErrorCode = ClientErrorCode> extends Error {
  override readonly name = 'BidwireError';
  readonly code: C;
  readonly command: string;
  readonly details: unknown;
  readonly status: number | undefined;

  constructor(init: BidwireErrorInit<C>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.command = init.command;
    this.details = init.details;
    this.status = init.status;
  }
}

/** The codes a given command can reject with: the ones it declares plus the client-side ones. */
export type CommandFailureCode<K extends CommandName> = CommandErrorCode<K> | 'TIMEOUT' | 'DISCONNECTED';

/**
 * Narrows a caught error to a failure of one command, so `err.code` is typed with just the
 * codes that command declares (a promise's rejection type cannot carry that by itself).
 */
export function isCommandError<K extends CommandName>(
  error: unknown,
  command: K,
): error is BidwireError<CommandFailureCode<K>> {
  return error instanceof BidwireError && error.command === command;
}
