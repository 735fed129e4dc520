// The port each room type plugs into `resync`: who may read the room's history, and its snapshot.
// The registry is a mapped type over the contract's room types, so a new type needs an entry.
import type { RoomSnapshot, RoomType } from '@bidwire/contract';
import { DomainError } from '../../errors.js';

/** The caller of `resync` as a room type needs it. */
export interface RoomCaller {
  userId: string;
  isInRoom(room: string): boolean;
}

export interface RoomAccess {
  /** Throws NOT_FOUND / FORBIDDEN unless `caller` may read the room; answers the room's name. */
  authorize(caller: RoomCaller, id: string): Promise<string> | string;
  /** The room's current state, for a gap older than the log keeps. */
  snapshot(caller: RoomCaller, id: string): Promise<RoomSnapshot>;
}

export type RoomAccessRegistry = { [T in RoomType]: RoomAccess };

/** For a room type whose module is not installed: no such room. */
export function unavailableRoomType(type: RoomType): RoomAccess {
  const refuse = (): never => {
    throw new DomainError('NOT_FOUND', `No ${type} room by that id.`);
  };
  return { authorize: refuse, snapshot: async () => refuse() };
}
