// The one error type the SDK rejects with, for socket commands and REST calls alike, so an app
// needs a single check and a `switch` on a stable code.
import type { CommandErrorCode, CommandName, ErrorCode } from '@bidwire/contract';

/**
 * The server's codes plus two that only the client can observe: the server never
 * answered in time, or the connection was gone before it could.
 */
export type ClientErrorCode = ErrorCode | 'TIMEOUT' | 'DISCONNECTED';

/** The codes a given command can reject with: the ones it declares plus the client-side ones. */
export type CommandFailureCode<K extends CommandName> = CommandErrorCode<K> | 'TIMEOUT' | 'DISCONNECTED';

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

/**
 * Marks every BidwireError, whichever copy of the SDK made it: `Symbol.for` returns the same symbol
 * in every module of a process, so the ESM and CJS builds (or two installed versions) agree.
 */
const BRAND: unique symbol = Symbol.for('bidwire.error') as never;

export class BidwireError<C extends ClientErrorCode = ClientErrorCode> extends Error {
  override readonly name = 'BidwireError';
  readonly code: C;
  readonly command: string;
  readonly details: unknown;
  readonly status: number | undefined;

  static {
    // On the prototype, not on each instance: invisible to equality checks and to logs.
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  /**
   * `error instanceof BidwireError` answers by the brand, so it holds for errors made by another
   * copy of this class (an app that `import`s the SDK while a dependency `require`s it).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== BidwireError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isBidwireError(value);
  }

  constructor(init: BidwireErrorInit<C>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.command = init.command;
    this.details = init.details;
    this.status = init.status;
  }
}

/**
 * True for any BidwireError, from any copy of the SDK. With a command name, true only for a failure
 * of that command, and `error.code` is then typed with just the codes that command declares (plus
 * `TIMEOUT` and `DISCONNECTED`), so a `switch` on it can be exhaustive.
 */
export function isBidwireError(error: unknown): error is BidwireError;
export function isBidwireError<K extends CommandName>(error: unknown, command: K): error is BidwireError<CommandFailureCode<K>>;
export function isBidwireError(error: unknown, command?: string): boolean {
  if (typeof error !== 'object' || error === null || (error as { [BRAND]?: unknown })[BRAND] !== true) return false;
  return command === undefined || (error as { command?: unknown }).command === command;
}

/** The same as `isBidwireError(error, command)`. */
export function isCommandError<K extends CommandName>(
  error: unknown,
  command: K,
): error is BidwireError<CommandFailureCode<K>> {
  return isBidwireError(error, command);
}
