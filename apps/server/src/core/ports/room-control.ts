// Taking a user's sockets out of a room from the server side (a removed chat participant, a withdrawn
// topic membership); realtime/room-control.ts implements it on Socket.IO, cluster-wide.
export interface RoomControl {
  /** Every socket of `userId`, on every node, leaves `room` now. */
  removeUser(userId: string, room: string): void;
}
