// Events about the connection itself: a command's failure without an ack, and token expiry.
import * as z from 'zod';
import { event } from './define.js';
import { ErrorCode } from './errors.js';

export const sessionEvents = {
  error: event({
    scope: 'socket',
    description: 'A command sent without an ack function failed (to that socket alone).',
    payload: z.object({ code: ErrorCode, message: z.string(), command: z.string(), details: z.unknown().optional() }),
  }),
  sessionExpired: event({
    scope: 'socket',
    description: "The socket's access token expired; the server disconnects it next.",
    payload: z.object({ message: z.string() }),
  }),
} as const;
