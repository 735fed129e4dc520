// The transport-neutral CommandContext of a Socket.IO socket.
import type { CommandContext } from '../core/context.js';
import type { Logger } from '../core/logger.js';
import type { BidwireSocket } from './types.js';

export function contextOf(socket: BidwireSocket, log: Logger): CommandContext {
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
