// THE ONLY place that listens for commands (one socket.onAny() per connection): rate-limit, parse with the contract, run the
// handler, check the answer against the contract (when contract checks are on), ack `{ ok, data | error }`,
// and map every error (unknown ones become INTERNAL, logged). While the server drains (SIGTERM), commands
// are answered UNAVAILABLE and not run; the ones already running are counted, so the shutdown waits for them.
// Likewise once the socket's token has expired (UNAVAILABLE with details { reason: 'sessionExpired' }, session-expiry.ts).
import { commandNames, commands, type CommandName, type ErrorPayload } from '@bidwire/contract';
import { assertMatches } from '../core/contract-check.js';
import { DomainError, INTERNAL_MESSAGE } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { CommandHandler, CommandHandlers } from '../core/module.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import { parseInput } from '../lib/parse-input.js';
import { contextOf } from './socket-context.js';
import type { Socket } from 'socket.io';
import type { BidwireSocket } from './types.js';
import type { CommandObserver } from '../observability/command-observer.js';
import type { Drain } from '../core/drain.js';
import { commandAnswered, commandStarted, hasExpired, sessionRefusal } from './session-expiry.js';

type Reply = (response: { ok: true; data: unknown } | { ok: false; error: ErrorPayload }) => void;

export interface BindDeps {
  handlers: CommandHandlers;
  rateLimiter: RateLimiter;
  log: Logger;
  /** Check every ack's data against the command's response schema. */
  checkResponses: boolean;
  /** Told of every answered command (metrics). */
  observe?: CommandObserver | undefined;
  /** The shutdown's drain: refuses commands once it has begun, counts the ones in flight. */
  drain: Drain;
  /** Sends the broadcasts still waiting for their commands' acks (realtime/replies-first.ts). */
  flushBroadcasts: () => void;
}

/**
 * Commands whose ack may go before the room broadcasts of the same turn: a bid's ack carries no room state,
 * so its bidder learns of the outcome first (SPEC §1 lets the broadcast come before or after). Every other
 * ack flushes the waiting broadcasts first: a snapshot or resync page read after a commit whose events
 * still wait would otherwise be followed by an event it already holds.
 */
const ANSWERED_BEFORE_BROADCAST: ReadonlySet<CommandName> = new Set(['placeBid']);

export function toErrorPayload(error: unknown, command: string, log: Logger): ErrorPayload {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
  }
  log.error({ err: error, command }, 'unhandled error in command');
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

/** The handler of one command, called with the payload its schema parsed (so its input type holds). */
const handlerOf = (handlers: CommandHandlers, name: CommandName) => handlers[name] as CommandHandler<CommandName>;

const known = new Set<string>(commandNames);
const isCommandName = (event: unknown): event is CommandName => typeof event === 'string' && known.has(event);
/** The rate limiter's bucket for names that are not commands (one bucket: never a key per made-up name). */
const UNKNOWN_BUCKET = '(unknown command)';
/** An unknown name as its answer shows it: the client's own input, cut short. */
const shownName = (name: unknown) => {
  const text = String(name);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

/**
 * SPEC §1: the ack is the last argument whatever comes before it, the payload the first (Socket.IO passes
 * `(payload, ..., ack)`, or `(ack)` when the client sent no payload).
 */
function splitArgs(args: unknown[]): { raw: unknown; ack: Reply | undefined } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as Reply) : undefined;
  const first = args[0];
  return { raw: typeof first === 'function' ? undefined : first, ack };
}

export function bindCommands(socket: BidwireSocket, deps: BindDeps): void {
  const ctx = contextOf(socket, deps.log);
  // What arrives on the wire is unvalidated: listen through the socket's untyped view, then parse.
  const wire: Socket = socket;
  /** The ack, or the `error` event to this socket alone when the client sent no ack. */
  const replyTo = (name: string, ack: Reply | undefined): Reply =>
    ack ??
    ((response) => {
      if (response.ok) return;
      const { code, message, details } = response.error;
      socket.emit('error', { code, message, command: name, ...(details !== undefined ? { details } : {}) });
    });

  /**
   * A contract command: answered UNAVAILABLE while draining or once the session has expired,
   * otherwise run (and counted by the drain and by the socket's expiry).
   */
  const dispatch = (name: CommandName, args: unknown[]) => {
    const { raw, ack } = splitArgs(args);
    const reply = replyTo(name, ack);
    const refused = deps.drain.draining ? deps.drain.refusal() : hasExpired(socket) ? sessionRefusal() : undefined;
    if (refused) {
      reply({ ok: false, error: toErrorPayload(refused, name, deps.log) });
      deps.observe?.(name)(refused.code);
      return;
    }
    void deps.drain.track(run(name, raw, reply));
  };

  // One catch-all listener per connection rather than one listener per command name: dozens of listeners
  // (a closure each, and the socket's table of them) cost several KB per connection kept open, measured
  // with `pnpm bench --only=connections`. Socket.IO calls it synchronously for each incoming event, as it
  // would a named listener. Any other event name is answered NOT_FOUND (SPEC §1), under one rate-limit
  // bucket; not in the metrics: a label per made-up name would grow without bound.
  wire.onAny((event: unknown, ...args: unknown[]) => {
    if (isCommandName(event)) return dispatch(event, args);
    const name = shownName(event);
    const reply = replyTo(name, splitArgs(args).ack);
    void Promise.resolve(deps.rateLimiter.take(ctx.user.id, UNKNOWN_BUCKET)).then(
      (allowed) =>
        reply({
          ok: false,
          error: allowed
            ? { code: 'NOT_FOUND', message: `Unknown command ${name}.` }
            : { code: 'RATE_LIMITED', message: 'Too many unknown commands. Slow down and try again shortly.' },
        }),
      (error: unknown) => reply({ ok: false, error: toErrorPayload(error, name, deps.log) }),
    );
  });

  async function run(name: CommandName, raw: unknown, reply: Reply) {
    const done = deps.observe?.(name);
    commandStarted(socket);
    try {
      if (!(await deps.rateLimiter.take(ctx.user.id, name))) {
        throw new DomainError('RATE_LIMITED', `Too many ${name} requests. Slow down and try again shortly.`);
      }
      const def = commands[name];
      const parsed = parseInput(def.request, raw === undefined ? {} : raw);
      if (!parsed.success) {
        throw new DomainError('VALIDATION_FAILED', `Invalid ${name} payload.`, { issues: parsed.issues });
      }
      const data = await handlerOf(deps.handlers, name)(parsed.data, ctx);
      if (deps.checkResponses) assertMatches(def.response, data, `The ${name} ack`);
      if (!ANSWERED_BEFORE_BROADCAST.has(name)) deps.flushBroadcasts();
      reply({ ok: true, data });
      done?.('ok');
    } catch (error) {
      const payload = toErrorPayload(error, name, deps.log);
      if (!ANSWERED_BEFORE_BROADCAST.has(name)) deps.flushBroadcasts();
      reply({ ok: false, error: payload });
      done?.(payload.code);
    } finally {
      commandAnswered(socket);
    }
  }
}
