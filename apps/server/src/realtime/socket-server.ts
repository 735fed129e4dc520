// Socket.IO on Fastify's HTTP server: who may open a connection (CORS_ORIGINS, and nobody while the server
// drains), handshake auth, the server-joined rooms (user, roles), token expiry, how broadcasts are written
// (broadcast-frames.ts), the cap on each connection's pending output, the command binding and the disconnect hooks
// of the modules.
import { Server } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
import type { VerifyAccessToken } from '../core/user.js';
import { roleRoom, userRoom } from '../core/rooms.js';
import type { Logger } from '../core/logger.js';
import type { CommandHandlers, RoomAccessRegistry, SocketHooks } from '../core/module.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import { bindCommands } from './bind.js';
import { contextOf } from './socket-context.js';
import { useHandshakeAuth } from './handshake.js';
import { holdRestoredSessions } from './recovery.js';
import type { BidwireServer, BidwireSocket } from './types.js';
import type { CommandObserver } from '../observability/command-observer.js';
import { SHUTTING_DOWN, type Drain } from '../core/drain.js';
import { capPendingOutput } from './output-cap.js';
import { expireWithToken } from './session-expiry.js';
import { writeBroadcastsDirect } from './broadcast-frames.js';

/** SPEC §9: payloads are capped at 64 KB. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface SocketServerDeps {
  verify: VerifyAccessToken;
  handlers: CommandHandlers;
  /** Every module's socket hooks. */
  hooks: SocketHooks[];
  /** Who may be in which room: re-checked for the rooms connection state recovery brings back. */
  rooms: RoomAccessRegistry;
  rateLimiter: RateLimiter;
  log: Logger;
  checkResponses: boolean;
  observe?: CommandObserver | undefined;
  drain: Drain;
  /** A connection whose pending output would pass this many bytes is dropped (a client that stopped reading). */
  maxPendingBytes: number;
  /** Sends the broadcasts waiting for their commands' acks (realtime/replies-first.ts). */
  flushBroadcasts: () => void;
}

export interface SocketServerOptions {
  /** CORS_ORIGINS (http/cors.ts); requests without an Origin header (mobile apps, servers) are accepted. */
  isAllowedOrigin: (origin: string) => boolean;
  /** Connection state recovery window; 0 turns it off. */
  recoveryMs: number;
  drain: Drain;
}

/** The Socket.IO server, created first because the event emitter the services use needs it. */
export function createSocketServer(http: HttpServer, { isAllowedOrigin, recoveryMs, drain }: SocketServerOptions): BidwireServer {
  return new Server(http, {
    // Every new connection, WebSocket or polling (the `cors` option below only adds headers to polling
    // answers: it refuses nothing, and a WebSocket upgrade never sees it). The refusal is engine.io's 403
    // with this message; socket.io-client treats it like a network error and retries later.
    allowRequest: (req, answer) => {
      if (drain.draining) return answer(SHUTTING_DOWN, false);
      const origin = req.headers.origin;
      if (origin !== undefined && !isAllowedOrigin(origin)) return answer('Origin not allowed.', false);
      answer(null, true);
    },
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
  holdRestoredSessions(io);
  useHandshakeAuth(io, deps.verify, deps.rooms);
  io.on('connection', (socket) => onConnection(socket, deps));
}

function onConnection(socket: BidwireSocket, deps: SocketServerDeps) {
  const { user } = socket.data;
  void socket.join([userRoom(user.id), ...user.roles.map(roleRoom)]);
  expireWithToken(socket, user.exp);
  writeBroadcastsDirect(socket);
  capPendingOutput(socket.conn, deps.maxPendingBytes, (pendingBytes) =>
    deps.log.warn({ socketId: socket.id, userId: user.id, pendingBytes }, 'dropped a connection that stopped reading (pending output over the cap)'),
  );
  bindCommands(socket, {
    handlers: deps.handlers,
    rateLimiter: deps.rateLimiter,
    log: deps.log,
    checkResponses: deps.checkResponses,
    observe: deps.observe,
    drain: deps.drain,
    flushBroadcasts: deps.flushBroadcasts,
  });
  const ctx = contextOf(socket, deps.log);
  const run = (what: string, hook: ((h: SocketHooks) => Promise<void> | void) ) => {
    for (const h of deps.hooks) Promise.resolve(hook(h)).catch((err: unknown) => deps.log.error({ err }, `${what} hook failed`));
  };
  if (socket.recovered) {
    const rooms = new Set(socket.rooms);
    run('recovery', (h) => h.recovered?.(ctx, rooms));
  }
  run('connect', (h) => h.connected?.(ctx));
  socket.on('disconnecting', () => {
    const rooms = new Set(socket.rooms);
    run('disconnect', (h) => h.disconnecting?.(ctx, rooms));
  });
}
