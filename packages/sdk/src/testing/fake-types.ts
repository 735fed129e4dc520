// The types of the test kit's public API, derived from the contract: what a handler receives and may
// answer, what a test may emit, what the server recorded.
import type { CommandErrorCode, CommandName, CommandPayload, Commands, EventName, EventPayload, Events, RoomEventName } from '@bidwire/contract';
import type { z } from 'zod';

/** What the client sent in the Socket.IO handshake (`auth`): `token`, and whatever else the SDK adds. */
export type HandshakeAuth = Record<string, unknown> & { token?: unknown };

/** What a handler may answer: the command's response before defaults (it is parsed by the contract). */
export type CommandReply<K extends CommandName> = z.input<Commands[K]['response']>;

type Input<K extends EventName> = z.input<Events[K]['payload']>;
/** An event's payload as a test writes it: room events may leave `seq` and `at` to the fake. */
export type EmitPayload<K extends EventName> = K extends RoomEventName
  ? Omit<Input<K>, 'seq' | 'at'> & { seq?: number; at?: string }
  : Input<K>;

export interface HandlerContext<K extends CommandName> {
  /** The connection that sent the command. */
  connection: FakeConnection;
  /** Its handshake `auth` (e.g. `token`), to answer per user. */
  auth: HandshakeAuth;
  /** Answers the command with an error. Only the codes the command declares type-check. */
  fail(code: CommandErrorCode<K>, message: string, details?: unknown): never;
}

/** Answers one command; may be async. A handler that never settles makes the client time out. */
export type CommandHandler<K extends CommandName> = (
  payload: CommandPayload<K>,
  ctx: HandlerContext<K>,
) => CommandReply<K> | Promise<CommandReply<K>>;

/** The server's end of one client connection. */
export interface FakeConnection {
  readonly id: string;
  readonly auth: HandshakeAuth;
  /** True from the accepted handshake until the connection ends. */
  readonly connected: boolean;
  /** Sends an event to this client alone (checked like `server.emit`). */
  emit<K extends EventName>(event: K, payload: EmitPayload<K>): EventPayload<K>;
  /** Server-side disconnect: the client does not reconnect by itself. */
  disconnect(): void;
  /** A network failure: the client reconnects by itself. */
  drop(): void;
}

export interface ReceivedCommand {
  command: string;
  /** The payload after validation (defaults applied) when valid, as sent otherwise. */
  payload: unknown;
  /** False when the real server would have refused it (VALIDATION_FAILED, or an unknown command). */
  valid: boolean;
  connection: FakeConnection;
}
