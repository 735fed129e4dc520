// SPEC §2/§7: socket.io-client never retries after the server disconnects a socket (`io server disconnect`).
// The SDK does, unless the server ended the session: after `sessionExpired` it reconnects only with a
// `getToken` (the handshake asks it for a fresh token); any other server-side disconnect (a restart, a drain)
// is reconnected at once, and a handshake that refuses the token then stops the attempts (socket.io-client
// gives up on a refused handshake by itself). Must be bound before anything else reads the `disconnect` event.
//
// A renewal loses no command: from `sessionExpired` on (or from the first command the server refused because
// the session had expired) new commands wait; once every command on the wire has its answer (the server runs
// or refuses each one, SPEC §2) the SDK closes the connection itself and reconnects with a fresh token, and
// the waiting and refused commands go on the new session. The server closes the connection itself a moment
// later if the client has not (then a command still on the wire is resent only when that is safe).
import type { Socket } from 'socket.io-client';

/** A server that disconnects again this soon after the last time gets the manager's reconnection delay first. */
const RAPID_REPEAT_MS = 1_000;

export interface SessionRenewal {
  /** The session is over on the server (its event, or a command refused for it): renew it. */
  expired(): void;
  /**
   * True while a reconnection this module scheduled is waiting out its delay: socket.io-client's `socket.active`
   * is false then, yet the client is reconnecting (commands wait, the state is `reconnecting`).
   */
  reconnectPending(): boolean;
  /** Calls off a reconnection waiting out its delay (the app disconnected). */
  cancelReconnect(): void;
  stop(): void;
}

export interface RenewalDeps {
  /** Holds new commands until the client is connected and ready again. */
  hold(): void;
  /** Resolves once every command sent has its answer. */
  allAnswered(): Promise<void>;
}

export function renewSessions(socket: Socket, canRenew: boolean, deps: RenewalDeps): SessionRenewal {
  let expired = false;
  /** The SDK is closing the connection to open it again with a fresh token. */
  let renewing = false;
  let lastServerDisconnect = -Infinity;
  let delayed: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const onExpired = () => {
    if (expired) return;
    expired = true;
    if (!canRenew) return;
    deps.hold();
    void deps.allAnswered().then(() => {
      // The server may have closed it already (it does a moment after the event), or the app did.
      if (stopped || !expired || !socket.connected) return;
      renewing = true;
      socket.disconnect();
    });
  };
  const cancelReconnect = () => {
    clearTimeout(delayed);
    delayed = undefined;
  };
  const onDisconnect = (reason: string) => {
    if (reason === 'io client disconnect') {
      if (!renewing) return;
      renewing = false;
      expired = false;
      // Synchronous, like below: socket.active is true again for every later `disconnect` listener.
      socket.connect();
      return;
    }
    if (reason !== 'io server disconnect') return;
    const renewal = expired;
    expired = false;
    // The app turned reconnection off, or the session is over: stay disconnected.
    if ((renewal && !canRenew) || !socket.io.reconnection()) return;
    const now = Date.now();
    const rapid = now - lastServerDisconnect < RAPID_REPEAT_MS;
    lastServerDisconnect = now;
    if (rapid && !renewal) {
      // A server that keeps disconnecting right away must not be hammered: wait like a lost connection would.
      // (A renewal is paced by the tokens' lifetime: a token the server refuses ends the attempts.)
      delayed = setTimeout(() => {
        delayed = undefined;
        socket.connect();
      }, socket.io.reconnectionDelay());
      return;
    }
    // Synchronous, so that socket.active is already true for every later `disconnect` listener and for the
    // in-flight commands socket.io fails right after this event (they are resent once reconnected).
    socket.connect();
  };
  socket.on('sessionExpired', onExpired);
  socket.on('disconnect', onDisconnect);
  return {
    expired: onExpired,
    reconnectPending: () => delayed !== undefined,
    cancelReconnect,
    stop: () => {
      stopped = true;
      cancelReconnect();
      socket.off('sessionExpired', onExpired);
      socket.off('disconnect', onDisconnect);
    },
  };
}
