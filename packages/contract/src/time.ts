// Clock synchronisation (SPEC §7): the server's clock, for countdowns every client agrees on.
import * as z from 'zod';
import { command } from './define.js';

export const timeCommands = {
  timeSync: command({
    description: "The server's clock in ms since epoch.",
    request: z.object({}),
    response: z.object({ serverTime: z.number() }),
    errors: [],
    idempotent: true,
  }),
} as const;
