// What a command handler knows about its caller: the verified user and their socket's rooms.
// Handlers and services never see Socket.IO itself.
import type { FastifyBaseLogger } from 'fastify';
import type { AuthUser } from '../modules/auth/auth-user.js';
import type { BidwireSocket } from './types.js';

export interface SocketRooms {
  join(room: string): void;
  leave(room: string): void;
  has(room: string): boolean;
}

export interface CommandContext {
  user: AuthUser;
  socketId: string;
  rooms: SocketRooms;
  log: FastifyBaseLogger;
}

export function contextOf(socket: BidwireSocket, log: FastifyBaseLogger): CommandContext {
  return {
    user: socket.data.user,
    socketId: socket.id,
    rooms: {
      join: (room) => void socket.join(room),
      leave: (room) => void socket.leave(room),
      has: (room) => socket.rooms.has(room),
    },
    log,
  };
}
