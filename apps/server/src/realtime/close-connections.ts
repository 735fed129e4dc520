// The socket side of a graceful shutdown: every connection is closed at its transport once what was written
// to it has gone out, so its client sees a transport close and reconnects by itself — to another node, or to
// this one once it is back. (Socket.IO's `disconnect()` would send `io server disconnect` instead, after
// which socket.io-client never reconnects.)
import type { BidwireServer } from './types.js';

/**
 * Closes every connection after its pending output is flushed; at `deadline` (ms since epoch) the ones still
 * flushing (a client that stopped reading) are closed anyway. Resolves with how many had to be forced.
 */
export async function closeConnections(io: BidwireServer, deadline: number): Promise<number> {
  const connections = new Set([...io.of('/').sockets.values()].map((s) => s.conn));
  const open = [...connections].filter((conn) => conn.readyState !== 'closed');
  let forced = 0;
  await Promise.all(
    open.map(
      (conn) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            forced++;
            conn.close(true);
            resolve();
          }, Math.max(0, deadline - Date.now()));
          conn.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          // engine.io closes the transport once its write buffer has drained (no Socket.IO DISCONNECT packet).
          conn.close();
        }),
    ),
  );
  return forced;
}
