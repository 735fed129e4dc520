// resync (SPEC §7): the missed durable events of one room in seq order, one bounded page at a time, or its
// snapshot when the log no longer reaches back that far. Generic over room types through the RoomAccess registry.
import type { CommandPayload, CommandResult } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import type { PageLimits } from '../rooms/replay-rule.js';
import { DEFAULT_PAGE_LIMITS, eventsPage } from '../rooms/room-replay.js';
import type { RoomAccessRegistry, RoomCaller } from '../../core/module.js';
import { createSharedRead } from '../../lib/shared-read.js';

export function createResyncService(deps: { db: Db; rooms: RoomAccessRegistry; page?: Partial<PageLimits> }) {
  const limits: PageLimits = { ...DEFAULT_PAGE_LIMITS, ...deps.page };
  // Clients back from the same outage ask for the same page (a room, after the seq they all had): one read
  // answers the requests that arrived while the previous one ran (lib/shared-read.ts). Checked per caller first.
  const pages = createSharedRead<null, Awaited<ReturnType<typeof eventsPage>>>(async (key, requests) => {
    const at = key.lastIndexOf(' ');
    const page = await eventsPage(deps.db, key.slice(0, at), Number(key.slice(at + 1)), limits);
    return requests.map(() => page);
  });
  return {
    async resync(input: CommandPayload<'resync'>, caller: RoomCaller): Promise<CommandResult<'resync'>> {
      const access = deps.rooms[input.room.type];
      const room = await access.authorize(caller, input.room.id);
      const page = await pages(`${room} ${input.afterSeq}`, null);
      if (page) return page;
      return { snapshot: await access.snapshot(caller, input.room.id) };
    },
  };
}
export type ResyncService = ReturnType<typeof createResyncService>;
