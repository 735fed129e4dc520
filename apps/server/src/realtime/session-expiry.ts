// SPEC §2: when a connected socket's access token expires, the server emits `sessionExpired` and disconnects it,
// without losing a command on the way: from the expiry on, a command is refused unrun (answered UNAVAILABLE with
// the event's sentence and `details: { reason: 'sessionExpired' }`), so the client may send it again on a fresh
// session; a command already running is answered before the connection closes. The SDK closes the connection
// itself once every command it sent has its answer (and reconnects with a fresh token); the server's close below
// is for every other client.
import { SESSION_EXPIRED_DETAILS, SESSION_EXPIRED_MESSAGE } from '@bidwire/contract';
import { DomainError } from '../core/errors.js';
import type { BidwireSocket } from './types.js';

/** How long after `sessionExpired` the server closes the connection, once no command of it is running. */
const CLOSE_AFTER_MS = 1_000;
/** A command still running this long after the expiry no longer holds the connection open. */
const LONGEST_WAIT_MS = 10_000;
const POLL_MS = 50;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The answer to a command that arrives once the socket's session has expired. */
export const sessionRefusal = () => new DomainError('UNAVAILABLE', SESSION_EXPIRED_MESSAGE, { ...SESSION_EXPIRED_DETAILS });

export const hasExpired = (socket: BidwireSocket) => socket.data.expired === true;

/**
 * Counts a command of this socket from its start until it has answered (`commandAnswered`): the expiry's close
 * waits for it. A counter on the socket rather than a promise wrapped per command: this runs for every bid.
 */
export const commandStarted = (socket: BidwireSocket) => {
  socket.data.running = (socket.data.running ?? 0) + 1;
};
export const commandAnswered = (socket: BidwireSocket) => {
  socket.data.running = (socket.data.running ?? 1) - 1;
};

export function expireWithToken(socket: BidwireSocket, exp: number): void {
  const ms = Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - Date.now()));
  let timer = setTimeout(() => {
    socket.data.expired = true;
    socket.emit('sessionExpired', { message: SESSION_EXPIRED_MESSAGE });
    // At least CLOSE_AFTER_MS: with connection state recovery on, an emit goes through the adapter (with the
    // Redis adapter a round trip) before it leaves, and the SDK gets the time to close the connection itself.
    const since = Date.now();
    const closeWhenIdle = () => {
      const waited = Date.now() - since;
      if (waited >= LONGEST_WAIT_MS || (waited >= CLOSE_AFTER_MS && !socket.data.running)) return void socket.disconnect(true);
      timer = setTimeout(closeWhenIdle, POLL_MS);
      timer.unref();
    };
    timer = setTimeout(closeWhenIdle, CLOSE_AFTER_MS);
    timer.unref();
  }, ms);
  socket.on('disconnect', () => clearTimeout(timer));
}
