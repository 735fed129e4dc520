// RoomControl on Socket.IO: `socketsLeave` on the user room also works cluster-wide with the Redis adapter.
import type { RoomControl } from '../core/ports/room-control.js';
import { userRoom } from '../core/rooms.js';
import type { BidwireServer } from './types.js';

export function createRoomControl(io: BidwireServer): RoomControl {
  return {
    removeUser: (userId, room) => io.in(userRoom(userId)).socketsLeave(room),
  };
}
