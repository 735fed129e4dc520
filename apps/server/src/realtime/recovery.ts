// Connection state recovery, checked (SPEC §9): a returning socket gets back only the rooms its user may
// still be in, and only when the token's user is the session's user. Socket.IO restores a session (rooms,
// missed packets) before any middleware runs, so the adapter's restore is wrapped to hold both back until
// the handshake has verified the token and re-checked each room.
import type { RoomAccessRegistry } from '../core/module.js';
import { roomRefOf, userRoom } from '../core/rooms.js';
import type { AuthUser } from '../core/user.js';
import type { BidwireServer, BidwireSocket, HeldSession } from './types.js';

/** Makes every restored session arrive empty, with its rooms and missed packets held in `socket.data.held`. */
export function holdRestoredSessions(io: BidwireServer): void {
  const adapter = io.of('/').adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return session;
    const held: HeldSession = { rooms: [...session.rooms], missedPackets: session.missedPackets, userId: sessionUserId(session.data) };
    const data = typeof session.data === 'object' && session.data !== null ? session.data : {};
    return { ...session, rooms: [], missedPackets: [], data: { ...data, held } };
  };
}

/** The user id a persisted session's data (our SocketData, as stored by the adapter) names. */
function sessionUserId(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('user' in data)) return undefined;
  const { user } = data;
  return typeof user === 'object' && user !== null && 'id' in user && typeof user.id === 'string' ? user.id : undefined;
}

/**
 * Called by the handshake once `user` is verified. A session of another user gives nothing back. Otherwise
 * the rooms the user may still enter are joined; the missed packets are delivered when every room passed
 * (a refused room's packets cannot be told apart, so none are: the SDK resyncs each room by seq anyway).
 */
export async function releaseHeldSession(socket: BidwireSocket, user: AuthUser, rooms: RoomAccessRegistry): Promise<void> {
  const held = socket.data.held;
  delete socket.data.held;
  if (!held || held.userId !== user.id) return;
  const own = new Set([socket.id, userRoom(user.id)]);
  const checks = await Promise.all(
    held.rooms.map(async (room) => {
      if (own.has(room)) return { room, keep: false, allowed: true }; // joined again at connect from the token
      const ref = roomRefOf(room);
      if (!ref) return { room, keep: false, allowed: true }; // role rooms: joined again from the token's roles
      const allowed = await rooms[ref.type].mayEnter(user, ref.id).catch(() => false);
      return { room, keep: allowed, allowed };
    }),
  );
  const keep = checks.filter((c) => c.keep).map((c) => c.room);
  if (keep.length > 0) socket.join(keep);
  if (checks.every((c) => c.allowed)) {
    // As Socket.IO itself sends them on recovery: EVENT packets (type 2) of this namespace, before CONNECT.
    for (const data of held.missedPackets) socket.client._packet({ type: 2, nsp: socket.nsp.name, data });
  }
}
