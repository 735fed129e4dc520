// Socket.IO on Fastify's HTTP server: handshake auth, the server-joined rooms (user, roles), token
// expiry, the command binding and the disconnect hooks of the modules.
import { Server } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import type { Server as HttpServer } from 'node:http';
import type { VerifyAccessToken } from '../modules/auth/access-tokens.js';
import { roleRoom, userRoom } from '../modules/rooms/room-names.js';
import { bindCommands } from './bind.js';
import { contextOf } from './context.js';
import type { Handlers, SocketLifecycle } from './handlers.js';
import { useHandshakeAuth } from './handshake.js';
import type { RateLimiter } from './rate-limiter.js';
import type { BidwireServer, BidwireSocket } from './types.js';

/** SPEC §9: payloads are capped at 64 KB. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SocketServerDeps {
  verify: VerifyAccessToken;
  handlers: Handlers;
  lifecycles: SocketLifecycle[];
  rateLimiter: RateLimiter;
  log: FastifyBaseLogger;
}

/** The Socket.IO server, created first because the event emitter the services use needs it. */
export function createSocketServer(
  http: HttpServer,
  isAllowedOrigin: (origin: string) => boolean,
  recoveryMs = 0,
): BidwireServer {
  return new Server(http, {
    // The fast path for short drops (SPEC §7): the same socket id, its rooms and the packets it missed.
    // Not the guarantee (it is lost on restart and per node): the SDK's resync is.
    // The handshake still verifies the token of a returning socket (no skipped middlewares).
    ...(recoveryMs > 0 ? { connectionStateRecovery: { maxDisconnectionDuration: recoveryMs, skipMiddlewares: false } } : {}),
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    serveClient: false,
    cors: { origin: (origin, cb) => cb(null, !origin || isAllowedOrigin(origin)), credentials: true },
  });
}

/** Handshake auth and the connection handler; called once the handlers exist. */
export function attachRealtime(io: BidwireServer, deps: SocketServerDeps): void {
  useHandshakeAuth(io, deps.verify);
  io.on('connection', (socket) => onConnection(socket, deps));
}

function onConnection(socket: BidwireSocket, deps: SocketServerDeps) {
  const { user } = socket.data;
  void socket.join([userRoom(user.id), ...user.roles.map(roleRoom)]);
  expireWithToken(socket, user.exp);
  bindCommands(socket, { handlers: deps.handlers, rateLimiter: deps.rateLimiter, log: deps.log });
  const connectedCtx = contextOf(socket, deps.log);
  if (socket.recovered) {
    const rooms = new Set(socket.rooms);
    for (const lifecycle of deps.lifecycles) {
      if (!lifecycle.onRecovered) continue;
      Promise.resolve(lifecycle.onRecovered(connectedCtx, rooms)).catch((err: unknown) => deps.log.error({ err }, 'recovery hook failed'));
    }
  }
  for (const lifecycle of deps.lifecycles) {
    if (!lifecycle.onConnected) continue;
    Promise.resolve(lifecycle.onConnected(connectedCtx)).catch((err: unknown) => deps.log.error({ err }, 'connect hook failed'));
  }
  socket.on('disconnecting', () => {
    const ctx = contextOf(socket, deps.log);
    const rooms = new Set(socket.rooms);
    for (const lifecycle of deps.lifecycles) {
      Promise.resolve(lifecycle.onDisconnecting(ctx, rooms)).catch((err: unknown) =>
        deps.log.error({ err }, 'disconnect hook failed'),
      );
    }
  });
}

/** When the access token expires the socket is told (`sessionExpired`) and disconnected. */
function expireWithToken(socket: BidwireSocket, exp: number) {
  const ms = Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - Date.now()));
  const timer = setTimeout(() => {
    socket.emit('sessionExpired', { message: 'Your session has expired. Reconnect with a fresh token.' });
    // With connection state recovery on, an emit goes through the adapter (to get its offset); with the Redis
    // adapter that is a round trip, so give the event a moment to leave before closing the socket.
    setTimeout(() => socket.disconnect(true), 250).unref();
  }, ms);
  socket.on('disconnect', () => clearTimeout(timer));
}
