// Socket.IO's server and socket typed from the contract.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@bidwire/contract';
import type { AuthUser } from '../core/user.js';

export interface SocketData {
  user: AuthUser;
  /** A restored session's rooms and missed packets, until the handshake has checked them (recovery.ts). */
  held?: HeldSession;
  /** Set once the access token has expired: commands are refused from then on (session-expiry.ts). */
  expired?: true;
  /** How many of this socket's commands are running (the expiry's close waits for them). */
  running?: number;
}

export interface HeldSession {
  rooms: string[];
  missedPackets: unknown[][];
  /** The user the session belonged to. */
  userId: string | undefined;
}
/** Nodes talk through the adapter and Redis, never through server-side events. */
export type InterServerEvents = Record<never, never>;

export type BidwireServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type BidwireSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
