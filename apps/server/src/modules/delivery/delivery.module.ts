// Delivery guarantees (SPEC §7): `resync` over every room type's access rules, and the pruning that keeps
// the durable room log bounded.
import { domains } from '@bidwire/contract';
import type { Logger } from '../../core/logger.js';
import type { DomainObserver } from '../../core/ports/observer.js';
import { defineModule, type RoomAccessRegistry } from '../../core/module.js';
import type { Db } from '../../db/client.js';
import type { PageLimits } from '../rooms/replay-rule.js';
import { createRoomLogPruner, type RoomLogRetention } from '../rooms/room-log-pruner.js';
import { createResyncService } from './resync.service.js';

export interface DeliveryModuleDeps {
  db: Db;
  rooms: RoomAccessRegistry;
  retention: RoomLogRetention;
  /** The most events and bytes one resync answer holds. */
  page: Partial<PageLimits>;
  log: Logger;
  observer: Pick<DomainObserver, 'resyncAnswered'>;
}

export function createDeliveryModule(d: DeliveryModuleDeps) {
  const resync = createResyncService({ db: d.db, rooms: d.rooms, page: d.page });
  let pruner: ReturnType<typeof createRoomLogPruner> | undefined;
  const module = defineModule(domains.delivery, {
    commands: {
      resync: async (input, ctx) => {
        const answer = await resync.resync(input, { userId: ctx.user.id, isInRoom: (room) => ctx.rooms.has(room) });
        if ('events' in answer) d.observer.resyncAnswered(input.room.type, 'events', answer.events.length);
        else d.observer.resyncAnswered(input.room.type, 'snapshot', 0);
        return answer;
      },
    },
    routes: {},
    start: () => void (pruner ??= createRoomLogPruner(d.db, d.retention, { log: d.log })),
    stop: () => pruner?.close(),
  });
  /** Prunes the room log once now (tests, maintenance). */
  const pruneRoomLog = () => (pruner ??= createRoomLogPruner(d.db, d.retention, { log: d.log })).prune();
  return { module, pruneRoomLog };
}
