// Events about the connection itself: a command's failure without an ack, and token expiry.
import * as z from 'zod';
import { event } from './define.js';
import { ErrorCode } from './errors.js';

/** The sentence of `sessionExpired`, and of the refusal of a command that arrives after it. */
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Reconnect with a fresh token.';

/**
 * A command that reaches the server after its connection's access token expired is not run: it is answered
 * UNAVAILABLE with SESSION_EXPIRED_MESSAGE and these details. Safe to send again on a connection with a fresh
 * token, whatever the command (the SDK does so by itself when it has `getToken`).
 */
export const SESSION_EXPIRED_DETAILS = { reason: 'sessionExpired' } as const;

export const sessionEvents = {
  error: event({
    scope: 'socket',
    description: 'A command sent without an ack function failed (to that socket alone).',
    payload: z.object({ code: ErrorCode, message: z.string(), command: z.string(), details: z.unknown().optional() }),
  }),
  sessionExpired: event({
    scope: 'socket',
    description:
      "The socket's access token expired; the server disconnects it next. Commands that arrive after it are not run: they are answered UNAVAILABLE with details { reason: 'sessionExpired' }.",
    payload: z.object({ message: z.string() }),
  }),
} as const;
