// Socket.IO handshake (SPEC §1): the client's contract must have the server's major version (when it
// says one), and the user is whoever the verified token says.
import semver from 'semver';
import { CONTRACT_VERSION, type ConnectErrorData } from '@bidwire/contract';
import type { RoomAccessRegistry } from '../core/module.js';
import type { VerifyAccessToken } from '../core/user.js';
import { releaseHeldSession } from './recovery.js';
import type { BidwireServer } from './types.js';

export const NO_TOKEN = 'No token provided';
export const BAD_TOKEN = 'Invalid or expired token';

const refuse = (message: string, data: ConnectErrorData) => Object.assign(new Error(message), { data });
const unauthenticated = (message: string) => refuse(message, { code: 'UNAUTHENTICATED' });

const SERVER_MAJOR = semver.major(CONTRACT_VERSION);
/** A client's value as it appears in a refusal: JSON, cut short (it is the client's input). */
const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
};

/**
 * Why the client's `auth.contract` is refused, or null. None (absent or null) is accepted; a version of
 * the server's major is accepted whatever its minor and patch. Something that is not a semver version
 * is refused too, with the same code: the server cannot tell the client is compatible, and a client
 * sending garbage there is broken in a way its developer should see at once.
 */
export function contractRefusal(given: unknown): Error | null {
  if (given === undefined || given === null) return null;
  const data: ConnectErrorData = { code: 'INCOMPATIBLE_CONTRACT', server: CONTRACT_VERSION };
  const version = typeof given === 'string' ? semver.valid(given) : null;
  if (version === null) return refuse(`Invalid contract version ${shown(given)}: expected a semver version such as 1.4.0`, data);
  if (semver.major(version) !== SERVER_MAJOR) return refuse(`Incompatible client: contract ${given}, server ${CONTRACT_VERSION}`, data);
  return null;
}

export function useHandshakeAuth(io: BidwireServer, verify: VerifyAccessToken, rooms: RoomAccessRegistry): void {
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; contract?: unknown } | undefined;
    // The contract first: an app of another major cannot work whatever its token, and must be updated.
    const incompatible = contractRefusal(auth?.contract);
    if (incompatible) return next(incompatible);
    const token = auth?.token;
    if (typeof token !== 'string' || token.length === 0) return next(unauthenticated(NO_TOKEN));
    verify(token).then(
      async (user) => {
        socket.data.user = user;
        await releaseHeldSession(socket, user, rooms);
        next();
      },
      () => next(unauthenticated(BAD_TOKEN)),
    ).catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });
}
