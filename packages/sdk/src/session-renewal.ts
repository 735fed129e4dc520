// SPEC §2/§7: socket.io-client never retries after the server disconnects a socket (`io server disconnect`).
// The SDK does, unless the server ended the session: after `sessionExpired` it reconnects only with a
// `getToken` (the handshake asks it for a fresh token); any other server-side disconnect (a restart, a drain)
// is reconnected at once, and a handshake that refuses the token then stops the attempts (socket.io-client
// gives up on a refused handshake by itself). Must be bound before anything else reads the `disconnect` event.
import type { Socket } from 'socket.io-client';

/** A server that disconnects again this soon after the last time gets the manager's reconnection delay first. */
const RAPID_REPEAT_MS = 1_000;

export function renewSessions(socket: Socket, canRenew: boolean): () => void {
  let expired = false;
  let lastServerDisconnect = -Infinity;
  let delayed: ReturnType<typeof setTimeout> | undefined;
  const onExpired = () => {
    expired = true;
  };
  const onDisconnect = (reason: string) => {
    if (reason !== 'io server disconnect') return;
    const sessionEnded = expired && !canRenew;
    expired = false;
    // The app turned reconnection off, or the session is over: stay disconnected.
    if (sessionEnded || !socket.io.reconnection()) return;
    const now = Date.now();
    const rapid = now - lastServerDisconnect < RAPID_REPEAT_MS;
    lastServerDisconnect = now;
    if (rapid) {
      // A server that keeps disconnecting right away must not be hammered: wait like a lost connection would.
      delayed = setTimeout(() => socket.connect(), socket.io.reconnectionDelay());
      return;
    }
    // Synchronous, so that socket.active is already true for every later `disconnect` listener and for the
    // in-flight commands socket.io fails right after this event (they are resent once reconnected).
    socket.connect();
  };
  socket.on('sessionExpired', onExpired);
  socket.on('disconnect', onDisconnect);
  return () => {
    clearTimeout(delayed);
    socket.off('sessionExpired', onExpired);
    socket.off('disconnect', onDisconnect);
  };
}
