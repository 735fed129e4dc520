// timeSync: the server's clock, so every client can show the same countdown.
import type { PartialHandlers } from '../../realtime/handlers.js';

export const timeHandlers = (): PartialHandlers<'timeSync'> => ({
  timeSync: () => ({ serverTime: Date.now() }),
});
