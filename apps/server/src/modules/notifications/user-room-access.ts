// resync of a user room: only one's own (`me` or one's own id); its snapshot is its current seq.
import type { Db } from '../../db/client.js';
import { forbidden } from '../../core/errors.js';
import { currentSeq } from '../rooms/room-log.js';
import { userRoom } from '../../core/rooms.js';
import type { RoomAccess } from '../../core/module.js';

export const OWN_USER_ROOM = 'me';

export function userRoomAccess(db: Db): RoomAccess {
  const authorize = (caller: { userId: string }, id: string) => {
    if (id !== OWN_USER_ROOM && id !== caller.userId) throw forbidden('You can only resync your own user room.');
    return userRoom(caller.userId);
  };
  return {
    authorize,
    // Joined by the server at connect from the token, never restored: only one's own.
    mayEnter: async (user, id) => id === user.id,
    async snapshot(caller, id) {
      return { seq: await currentSeq(db, authorize(caller, id)), serverTime: Date.now() };
    },
  };
}
