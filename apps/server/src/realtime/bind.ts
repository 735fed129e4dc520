// THE ONLY place that calls socket.on() for commands: parse with the contract, rate-limit, run the
// handler, ack `{ ok, data | error }`, and map every error (unknown ones become INTERNAL, logged).
import { commandNames, commands, type CommandName, type ErrorPayload } from '@bidwire/contract';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError, INTERNAL_MESSAGE } from '../errors.js';
import { issuesOf } from '../lib/zod-issues.js';
import { contextOf } from './context.js';
import type { Handlers } from './handlers.js';
import type { RateLimiter } from './rate-limiter.js';
import type { BidwireSocket } from './types.js';

type Reply = (response: { ok: true; data: unknown } | { ok: false; error: ErrorPayload }) => void;

export interface BindDeps {
  handlers: Handlers;
  rateLimiter: RateLimiter;
  log: FastifyBaseLogger;
}

export function toErrorPayload(error: unknown, command: string, log: FastifyBaseLogger): ErrorPayload {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
  }
  log.error({ err: error, command }, 'unhandled error in command');
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

export function bindCommands(socket: BidwireSocket, deps: BindDeps): void {
  const ctx = contextOf(socket, deps.log);
  for (const name of commandNames) {
    // Socket.IO passes (payload, ack), or (ack) when the client sent no payload.
    socket.on(name, ((first: unknown, second: unknown) => {
      const ack = typeof second === 'function' ? second : typeof first === 'function' ? first : undefined;
      const raw = typeof first === 'function' ? undefined : first;
      const reply: Reply = ack
        ? (ack as Reply)
        : (response) => {
            if (!response.ok) socket.emit('error', { code: response.error.code, message: response.error.message, command: name });
          };
      void run(name, raw, reply);
    }) as never);
  }

  async function run(name: CommandName, raw: unknown, reply: Reply) {
    try {
      if (!(await deps.rateLimiter.take(ctx.user.id, name))) {
        throw new DomainError('RATE_LIMITED', `Too many ${name} requests. Slow down and try again shortly.`);
      }
      const parsed = commands[name].request.safeParse(raw === undefined ? {} : raw);
      if (!parsed.success) {
        throw new DomainError('VALIDATION_FAILED', `Invalid ${name} payload.`, { issues: issuesOf(parsed.error) });
      }
      const handler = deps.handlers[name] as (input: unknown, c: typeof ctx) => unknown;
      const data = await handler(parsed.data, ctx);
      reply({ ok: true, data });
    } catch (error) {
      reply({ ok: false, error: toErrorPayload(error, name, deps.log) });
    }
  }
}
