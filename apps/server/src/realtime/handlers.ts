// The handler registry's type: a mapped type over the contract's commands, so a command without a
// handler (or a handler answering the wrong shape) fails to compile.
import type { CommandName, CommandPayload, CommandResult } from '@bidwire/contract';
import type { CommandContext } from './context.js';

export type CommandHandler<K extends CommandName> = (
  input: CommandPayload<K>,
  ctx: CommandContext,
) => Promise<CommandResult<K>> | CommandResult<K>;

export type Handlers = { [K in CommandName]: CommandHandler<K> };
export type PartialHandlers<K extends CommandName> = { [P in K]: CommandHandler<P> };

/** Lifecycle hooks a module may register: when a socket connected, and when it is about to disconnect. */
export interface SocketLifecycle {
  onConnected?(ctx: CommandContext): Promise<void> | void;
  onDisconnecting(ctx: CommandContext, rooms: ReadonlySet<string>): Promise<void> | void;
  /** Socket.IO connection state recovery gave a returning socket its `rooms` back without any command. */
  onRecovered?(ctx: CommandContext, rooms: ReadonlySet<string>): Promise<void> | void;
}
