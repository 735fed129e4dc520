// One method per contract command, derived from the contract's `commands` object at run time
// and from `CommandName` at the type level: a new command needs no glue here.
import { commands, type CommandInput, type CommandName, type CommandResult } from '@bidwire/contract';
import type { CommandOptions } from './command-sender.js';
import { newRequestId } from './request-id.js';

/** A command whose input has no required field (e.g. `timeSync`) may be called with no argument. */
export type CommandArgs<K extends CommandName> = {} extends CommandInput<K>
  ? [payload?: CommandInput<K>, options?: CommandOptions]
  : [payload: CommandInput<K>, options?: CommandOptions];

export type CommandMethod<K extends CommandName> = (...args: CommandArgs<K>) => Promise<CommandResult<K>>;

export type CommandMethods = { [K in CommandName]: CommandMethod<K> };

type Send = (command: string, payload: unknown, options?: CommandOptions) => Promise<unknown>;

export function buildCommandMethods(send: Send): CommandMethods {
  const methods: Record<string, (payload?: unknown, options?: CommandOptions) => Promise<unknown>> = {};
  for (const name of Object.keys(commands)) {
    methods[name] = (payload = {}, options) => send(name, payload, options);
  }
  return methods as CommandMethods;
}

/** Commands whose request schema declares a `requestId`: they are made idempotent by the server. */
const idempotentCommands: ReadonlySet<string> = new Set(
  Object.entries(commands)
    .filter(([, def]) => hasShapeKey(def.request, 'requestId'))
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

function hasShapeKey(schema: unknown, key: string): boolean {
  // Duck-typed rather than `instanceof z.ZodObject`, so the SDK never depends on zod at run time.
  const shape = (schema as { shape?: unknown } | null)?.shape;
  return typeof shape === 'object' && shape !== null && key in shape;
}
