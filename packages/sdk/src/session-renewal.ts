// SPEC §2/§7: when the server says the session expired it disconnects the socket, which socket.io
// does not retry by itself. With a `getToken` the client reconnects at once (the handshake asks
// getToken for a fresh token). Must be bound before anything else reads the `disconnect` event.
import type { Socket } from 'socket.io-client';

export function renewSessions(socket: Socket, canRenew: boolean): () => void {
  let expired = false;
  const onExpired = () => {
    expired = canRenew;
  };
  const onDisconnect = (reason: string) => {
    if (!expired || reason !== 'io server disconnect') return;
    expired = false;
    // Synchronous, so that socket.active is already true for every later `disconnect` listener
    // and for the in-flight commands socket.io fails right after this event.
    socket.connect();
  };
  socket.on('sessionExpired', onExpired);
  socket.on('disconnect', onDisconnect);
  return () => {
    socket.off('sessionExpired', onExpired);
    socket.off('disconnect', onDisconnect);
  };
}
