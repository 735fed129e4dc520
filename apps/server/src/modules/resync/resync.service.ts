// resync (SPEC §7): the missed durable events of one room in seq order, or its snapshot when the
// log no longer reaches back that far. Generic over room types through the RoomAccess registry.
import type { CommandPayload, CommandResult } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { eventsAfter } from '../rooms/room-replay.js';
import type { RoomAccessRegistry, RoomCaller } from './room-access.js';

export function createResyncService(deps: { db: Db; rooms: RoomAccessRegistry; maxReplay?: number }) {
  return {
    async resync(input: CommandPayload<'resync'>, caller: RoomCaller): Promise<CommandResult<'resync'>> {
      const access = deps.rooms[input.room.type];
      const room = await access.authorize(caller, input.room.id);
      const events = await eventsAfter(deps.db, room, input.afterSeq, deps.maxReplay);
      if (events) return { events };
      return { snapshot: await access.snapshot(caller, input.room.id) };
    },
  };
}
export type ResyncService = ReturnType<typeof createResyncService>;
