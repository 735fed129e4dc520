// One method per contract command, derived from the contract's commands at run time (contract-meta)
// and from `CommandName` at the type level: a new command needs no glue here.
import type { CommandInput, CommandName, CommandResult } from '@bidwire/contract';
import { contractMeta } from './contract-meta.js';
import type { BidwirePromise } from './bidwire-promise.js';
import type { CommandOptions } from './command-sender.js';
import type { CommandFailureCode } from './errors.js';
import { newRequestId } from './request-id.js';

/** A command whose input has no required field (e.g. `timeSync`) may be called with no argument. */
export type CommandArgs<K extends CommandName> = {} extends CommandInput<K>
  ? [payload?: CommandInput<K>, options?: CommandOptions]
  : [payload: CommandInput<K>, options?: CommandOptions];

/** What a command gives: its result, or a rejection with a BidwireError of the codes it declares. */
export type CommandPromise<K extends CommandName> = BidwirePromise<CommandResult<K>, CommandFailureCode<K>>;

export type CommandMethod<K extends CommandName> = (...args: CommandArgs<K>) => CommandPromise<K>;

export type CommandMethods = { [K in CommandName]: CommandMethod<K> };

type Send = (command: string, payload: unknown, options?: CommandOptions) => Promise<unknown>;

export function buildCommandMethods(send: Send): CommandMethods {
  const methods: Record<string, (payload?: unknown, options?: CommandOptions) => Promise<unknown>> = {};
  for (const name of Object.keys(contractMeta.commands)) {
    methods[name] = (payload = {}, options) => send(name, payload, options);
  }
  return methods as CommandMethods;
}

/** Commands whose request schema declares a `requestId`: they are made idempotent by the server. */
const idempotentCommands: ReadonlySet<string> = new Set(
  Object.entries(contractMeta.commands)
    .filter(([, def]) => def.takesRequestId)
    .map(([name]) => name),
);

/**
 * Gives an idempotent command a `requestId` when the caller has none, so a retry after a
 * reconnection can resend the very same id. The caller's object is never mutated.
 */
export function withRequestId(command: string, payload: unknown): unknown {
  if (!idempotentCommands.has(command) || typeof payload !== 'object' || payload === null) return payload;
  if ((payload as { requestId?: unknown }).requestId !== undefined) return payload;
  return { ...payload, requestId: newRequestId() };
}

