// Taking a user's sockets out of a room from the server side (a removed chat participant, a withdrawn
// topic membership). `socketsLeave` on the user room also works cluster-wide with the Redis adapter.
import { userRoom } from '../modules/rooms/room-names.js';
import type { BidwireServer } from './types.js';

export interface RoomControl {
  /** Every socket of `userId`, on every node, leaves `room` now. */
  removeUser(userId: string, room: string): void;
}

export function createRoomControl(io: BidwireServer): RoomControl {
  return {
    removeUser: (userId, room) => io.in(userRoom(userId)).socketsLeave(room),
  };
}
