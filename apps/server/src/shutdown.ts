// The graceful shutdown (SPEC §9 "SIGTERM"), in one place, within SHUTDOWN_GRACE_MS:
//   1. drain: new connections, commands and REST requests are refused (UNAVAILABLE; /readyz answers 503);
//   2. the commands and requests already running finish, and their acks and broadcasts are written (after a
//      short linger, so commands already on the wire get their UNAVAILABLE answer rather than a closed socket);
//   3. every connection is closed at its transport (clients see a transport close and reconnect by themselves);
//   4. the modules stop, the HTTP server closes (connections still open at the end of the grace are cut),
//      then Redis and the database.
// app.close() runs it; main.ts calls that on SIGTERM/SIGINT and exits.
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Drain } from './core/drain.js';
import type { Logger } from './core/logger.js';
import { closeConnections } from './realtime/close-connections.js';
import type { BidwireServer } from './realtime/types.js';

/** How long commands already sent when the drain begins have to arrive and get their UNAVAILABLE answer. */
const LATE_ARRIVALS_MS = 100;

export interface ShutdownParts {
  drain: Drain;
  io: BidwireServer;
  app: FastifyInstance;
  graceMs: number;
  /**
   * How long broadcasts take to reach this node's sockets after their command answered: with the Redis
   * adapter and connection state recovery, a broadcast waits for its Redis round trip (its offset) first.
   */
  broadcastLagMs: number;
  /** Sends the broadcasts still waiting for their commands' acks (realtime/replies-first.ts). */
  flushBroadcasts(): void;
  log: Logger;
  /** Stops the modules (timers, background jobs). */
  stopModules(): Promise<void>;
  /** Closes what the server uses last: Redis and the database. */
  release(): Promise<void>;
}

/** Every TCP connection of the HTTP server (WebSockets included), to cut what is still open at the deadline. */
export function trackConnections(server: HttpServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * What the grace keeps for the process itself: the signal's delivery, exiting, and timers that fire late on a
 * loaded machine (on a busy 2-core CI machine, 200 ms between the signal and the exit seen by the parent, beyond
 * the shutdown's own steps). The steps below aim at the grace minus this reserve.
 */
const exitReserveOf = (graceMs: number) => Math.min(500, graceMs / 6);

/** What the end of the shutdown's own time keeps free: the last steps finish this far before it. */
const endMarginOf = (workMs: number) => Math.min(250, workMs / 10);

/**
 * When main.ts's backstop exits if the shutdown hangs anyway: after the shutdown's own last step and halfway
 * into the exit reserve, so even then the process is gone within the grace.
 */
export const backstopMs = (graceMs: number) => graceMs - exitReserveOf(graceMs) / 2;

export async function shutDown(p: ShutdownParts, sockets: Set<Socket>): Promise<void> {
  const started = Date.now();
  const workMs = p.graceMs - exitReserveOf(p.graceMs);
  const deadline = started + workMs;
  // Closing connections and resources needs a moment at the end: in-flight work gets the rest of the grace.
  const closingBudget = Math.min(2_000, workMs / 4);
  const endMargin = endMarginOf(workMs);

  p.drain.begin();
  if (!(await p.drain.settled(deadline - closingBudget))) {
    p.log.warn({ inFlight: p.drain.inFlight, graceMs: p.graceMs }, 'shutdown: commands still running at the end of their share of the grace period');
  }
  // A moment before closing: commands already on the wire when the signal came are answered UNAVAILABLE
  // instead of being lost with the connection, and broadcasts catch up (see broadcastLagMs).
  const linger = Math.max(LATE_ARRIVALS_MS, p.broadcastLagMs);
  await new Promise((r) => setTimeout(r, Math.min(linger, Math.max(0, deadline - closingBudget / 2 - Date.now()))));

  p.flushBroadcasts();
  const forced = await closeConnections(p.io, deadline - endMargin);
  if (forced > 0) p.log.warn({ forced }, 'shutdown: connections that did not take their last packets in time were closed anyway');
  await p.stopModules();

  // The HTTP server closes once every connection is gone (a client that stopped reading may hold its
  // WebSocket's close handshake for long): what is left at the deadline is cut.
  const cut = setTimeout(() => {
    for (const socket of sockets) socket.destroy();
  }, Math.max(0, deadline - endMargin - Date.now()));
  try {
    await new Promise<void>((resolve) => p.io.close(() => resolve()));
    await p.app.close();
  } finally {
    clearTimeout(cut);
  }
  // A database call still waiting (e.g. on a lock) may hold its connection's close: the process exits anyway.
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const released = await Promise.race([
    p.release().then(() => true),
    new Promise<false>((r) => (giveUp = setTimeout(() => r(false), Math.max(0, deadline - endMargin / 2 - Date.now())))),
  ]).finally(() => clearTimeout(giveUp));
  if (!released) p.log.warn('shutdown: Redis or the database did not close within the grace period');
  p.log.info({ ms: Date.now() - started }, 'shutdown complete');
}
