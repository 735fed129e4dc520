// Room names are made by the server only; a client never names a room.
import { ROOM_TYPES, type RoomType } from '@bidwire/contract';

export const auctionRoom = (auctionId: string) => `auction:${auctionId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: string) => `role:${role}`;
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
/** `topic` is a validated TopicName (`request:42`), so the room is `topic:request:42`. */
export const topicRoom = (topic: string) => `topic:${topic}`;
export const gameRoom = (gameId: string) => `game:${gameId}`;
export const gameIdOfRoom = (room: string): string | null => (room.startsWith('game:') ? room.slice('game:'.length) : null);

export const auctionIdOfRoom = (room: string): string | null =>
  room.startsWith('auction:') ? room.slice('auction:'.length) : null;

const isRoomType = (type: string): type is RoomType => (ROOM_TYPES as readonly string[]).includes(type);

/** The room type and id a room name stands for (`<type>:<id>`); null for role rooms and socket ids. */
export function roomRefOf(room: string): { type: RoomType; id: string } | null {
  const colon = room.indexOf(':');
  const type = room.slice(0, Math.max(colon, 0));
  const id = room.slice(colon + 1);
  return colon > 0 && id && isRoomType(type) ? { type, id } : null;
}
