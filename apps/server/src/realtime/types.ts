// Socket.IO's server and socket typed from the contract.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@bidwire/contract';
import type { AuthUser } from '../modules/auth/auth-user.js';

export interface SocketData {
  user: AuthUser;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type InterServerEvents = {};

export type BidwireServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type BidwireSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
