// A client that stops reading must not make the server buffer without bound: each connection's pending
// output is capped, and a connection past the cap is dropped (what it had not received is discarded; its
// client reconnects once it reads again and resyncs its rooms by seq).
//
// Pending output is measured from engine.io's own public state, per connection: the bytes of the packets in
// its write buffer, plus the batch its transport is still writing. A transport takes one batch at a time and
// only asks for the next once the previous one was handed to the kernel, so a client that stops reading
// leaves that batch in the transport (ws, or the polling response) and everything after it in the write buffer.
//
// Every packet emitted within one turn of the event loop waits in the write buffer until the next turns
// write it, whoever the client is; so a connection over the cap is dropped only if it is still over it a
// moment later (a healthy client has taken the burst by then), or at once past four times the cap.
import type { BidwireSocket } from './types.js';

type Connection = BidwireSocket['conn'];
type EnginePacket = { data?: unknown };

/** How long a connection may stay over the cap (a burst being written) before it counts as not reading. */
export const OVER_CAP_GRACE_MS = 100;
/** Past this many times the cap, a connection is dropped without waiting. */
const HARD_FACTOR = 4;

/** A packet's size in bytes (a string's length: exact for the JSON Socket.IO writes, close enough otherwise). */
function sizeOf(packet: EnginePacket): number {
  const { data } = packet;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Drops `conn` once its pending output stays over `maxBytes`; `onDrop` is told how much was pending. */
export function capPendingOutput(conn: Connection, maxBytes: number, onDrop: (pendingBytes: number) => void): void {
  let queued = 0; // in conn.writeBuffer
  let writing = 0; // the last batch handed to the transport
  let dropped = false;
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const pending = () => queued + (conn.transport.writable ? 0 : writing);

  const drop = () => {
    if (dropped) return;
    dropped = true;
    onDrop(pending());
    // Discard: the packets still buffered are not worth waiting for (the client would never read them in time).
    conn.close(true);
  };

  conn.on('packetCreate', (packet: EnginePacket) => {
    queued += sizeOf(packet);
    if (dropped) return;
    const now = pending();
    if (now > HARD_FACTOR * maxBytes) return drop();
    if (now > maxBytes && !recheck) {
      recheck = setTimeout(() => {
        recheck = undefined;
        if (pending() > maxBytes) drop();
      }, OVER_CAP_GRACE_MS);
    }
  });
  conn.on('flush', () => {
    writing = queued;
    queued = 0;
  });
  conn.once('close', () => clearTimeout(recheck));
}
