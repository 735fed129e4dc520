// Room names are made by the server only; a client never names a room.
export const auctionRoom = (auctionId: string) => `auction:${auctionId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: string) => `role:${role}`;

export const auctionIdOfRoom = (room: string): string | null =>
  room.startsWith('auction:') ? room.slice('auction:'.length) : null;
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
/** `topic` is a validated TopicName (`request:42`), so the room is `topic:request:42`. */
export const topicRoom = (topic: string) => `topic:${topic}`;
