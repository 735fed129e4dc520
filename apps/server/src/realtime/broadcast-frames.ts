// How a room broadcast reaches each WebSocket connection (issue 18: CPU per accepted bid; the broadcast to every
// viewer is most of a bid's CPU). socket.io-adapter encodes a broadcast once and gives every connection the same
// pre-built WebSocket frame (`wsPreEncodedFrame`); two things here make each connection's copy cheaper:
//
// - The frame joined into one buffer: the adapter builds it as two, the frame's header and its payload, so ws wrote
//   each copy with cork(), two write()s and uncork() (Node's buffered writev path, two queued chunks and a chunk
//   array per connection per broadcast). Joined once per broadcast (by its first recipient: every recipient gets the
//   same options object), each copy is one write(), whichever path it takes.
// - The frame written straight to the connection's TCP socket when nothing of that connection waits anywhere: engine.io otherwise makes a packet, queues it, flushes the queue through its
//   transport and ws and runs a completion callback chain, for every connection and every broadcast. "Nothing
//   waits" means engine.io's queue is empty and its transport is not writing, the WebSocket is open, and Node holds
//   none of the socket's earlier bytes (the kernel took them): so the frame cannot pass anything sent before it,
//   and a client that stops reading gets at most one frame this way before everything goes through engine.io
//   again, where the pending-output cap (output-cap.ts) counts it. Anything else takes engine.io's path: polling,
//   an upgrade under way, per-message deflate, and what carries no pre-built frame (acks; a socket's own emits
//   when connection state recovery is off: with it on, Socket.IO sends them as broadcasts to the socket's room).
//
// Measured on loopback (a probe: one process broadcasting 1,500 times at 200/s to 200 WebSocket clients in two
// others, after a warm-up), the server's user CPU per broadcast, medians of interleaved runs: as Socket.IO builds
// it 1,500 µs against 1,261 µs whole (eight pairs); in another six pairs whole 1,033 µs against 634 µs whole and
// written directly. Its kernel time stayed at 1,380–1,490 µs throughout (the writes themselves).
// Hand-written: a wrapper on Socket.IO's `Client.writeToEngine` (what every adapter, the Redis streams one too,
// calls per recipient with the broadcast's options), reading engine.io's and ws's connection state; no option or
// library does this. Where those members are missing, frames go as the libraries send them.
import type { Socket as NetSocket } from 'node:net';
import type { BidwireSocket } from './types.js';

interface PacketOptions {
  wsPreEncodedFrame?: Buffer[];
}

/** What of engine.io's connection, its WebSocket transport and ws's socket the direct write reads. */
interface EngineConnection {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: { name: string; writable: boolean; perMessageDeflate?: unknown; socket?: { readyState: number; _socket?: NetSocket } };
}
interface EngineClient {
  conn: EngineConnection;
  writeToEngine(encoded: unknown, options: PacketOptions): void;
}

/** ws's WebSocket.OPEN. */
const WS_OPEN = 1;

/** The connection's TCP socket when a whole frame may be written to it at once (above), else undefined. */
function idleSocket(conn: EngineConnection): NetSocket | undefined {
  if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length !== 0) return undefined;
  const { transport } = conn;
  if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return undefined;
  const ws = transport.socket;
  const raw = ws?._socket;
  if (ws?.readyState !== WS_OPEN || !raw?.writable || raw.writableLength !== 0) return undefined;
  return raw;
}

/** Socket.IO's own `writeToEngine`, read from the first client seen (every client shares its class). */
let viaEngine: EngineClient['writeToEngine'] | undefined;

/**
 * The broadcast's frame, joined once, straight to the socket when nothing of the connection waits, else engine.io's
 * path.
 */
function writeToEngineDirect(this: EngineClient, encoded: unknown, options: PacketOptions): void {
  let frame = options.wsPreEncodedFrame;
  if (frame?.length === 2) frame = options.wsPreEncodedFrame = [Buffer.concat(frame)];
  const raw = frame?.length === 1 ? idleSocket(this.conn) : undefined;
  if (raw) raw.write(frame![0]!);
  else viaEngine!.call(this, encoded, options);
}

/** Sends the broadcasts to this connection's client through `writeToEngineDirect` (called once per connection). */
export function writeBroadcastsDirect(socket: BidwireSocket): void {
  // Cast: Socket.IO types its client's `writeToEngine` and engine.io's connection state as private; read above.
  const client = socket.client as unknown as EngineClient;
  const own = Object.getPrototypeOf(client) as Partial<EngineClient>;
  if (typeof own.writeToEngine !== 'function') return;
  viaEngine ??= own.writeToEngine;
  if (own.writeToEngine !== viaEngine) return; // a client of another class: left as it is
  client.writeToEngine = writeToEngineDirect;
}
