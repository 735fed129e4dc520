// Thin handler of `resync`: the caller's identity and rooms go to the service.
import type { PartialHandlers } from '../../realtime/handlers.js';
import type { ResyncService } from './resync.service.js';

export const resyncHandlers = (service: ResyncService): PartialHandlers<'resync'> => ({
  resync: (input, ctx) => service.resync(input, { userId: ctx.user.id, isInRoom: (room) => ctx.rooms.has(room) }),
});
