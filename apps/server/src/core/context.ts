// What a command handler knows about its caller: the verified user and their socket's rooms.
// Handlers and services never see Socket.IO itself (realtime/socket-context.ts builds this).
import type { Logger } from './logger.js';
import type { AuthUser } from './user.js';

export interface SocketRooms {
  join(room: string): void;
  leave(room: string): void;
  has(room: string): boolean;
}

export interface CommandContext {
  user: AuthUser;
  socketId: string;
  rooms: SocketRooms;
  log: Logger;
}
