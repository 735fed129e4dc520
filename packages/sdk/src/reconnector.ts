// What the client does on every reconnection (SPEC §7): hold the rooms' events, join again every
// room the app had joined, let waiting commands go, then resync each room from the last seq seen.
import { isSessionExpiredRefusal } from './session-refusal.js';
import type { Socket } from 'socket.io-client';
import type { ServerClock } from './clock.js';
import { BidwireError } from './errors.js';
import type { JoinedRooms } from './joined-rooms.js';
import type { Readiness } from './readiness.js';
import { isImplicitRoom, OWN_ROOM_ID } from './room-bindings.js';
import type { RoomSequencer } from './room-sequencer.js';

export interface ReconnectorDeps {
  socket: Socket;
  rooms: JoinedRooms;
  sequencer: RoomSequencer;
  readiness: Readiness;
  clock: ServerClock;
  /** Connected or reconnecting (not given up, not closed by the app). */
  active(): boolean;
  /** Sends a command past the readiness gate. */
  direct(command: string, payload: unknown): Promise<unknown>;
}

export function keepRoomsAcrossReconnects(d: ReconnectorDeps): () => void {
  let everConnected = false;

  // Connection state recovery sends the missed packets before the socket's `connect` event fires
  // (socket.io-client emits them first): the rooms must be paused as soon as the transport is open.
  const onOpen = () => {
    if (everConnected) d.sequencer.pauseAll();
  };
  const onConnect = () => {
    if (!everConnected) {
      everConnected = true;
      d.readiness.set(true);
      void trackOwnRoom();
      return;
    }
    d.sequencer.pauseAll();
    void restore();
  };
  const onDisconnect = () => (d.active() ? d.readiness.set(false) : d.readiness.giveUp());
  const onGiveUp = () => d.readiness.giveUp();
  // A refused handshake (e.g. no fresh token) ends the attempts: waiting commands fail at once.
  const onConnectError = () => {
    if (!d.active()) d.readiness.giveUp();
  };

  /**
   * The user's own room is joined by the server at connect, with no command to answer its seq: ask for it
   * (a resync from beyond the end answers the room's bare snapshot), so events sent there while the client
   * is away later are replayed even when none had arrived yet (a game's first playerState, a notification).
   */
  async function trackOwnRoom() {
    const own = { type: 'user', id: OWN_ROOM_ID } as const;
    d.sequencer.joining(own);
    try {
      const answer = (await d.direct('resync', { room: own, afterSeq: Number.MAX_SAFE_INTEGER })) as { snapshot?: { seq?: unknown } };
      const seq = answer.snapshot?.seq;
      await d.sequencer.joined(own, typeof seq === 'number' ? seq : undefined);
    } catch {
      await d.sequencer.joinFailed(own);
    }
  }

  async function restore() {
    const outcomes = await Promise.all(
      d.rooms.list().map(async (room) => {
        try {
          await d.direct(room.command, room.payload);
          return 'joined' as const;
        } catch (error) {
          if (isConnectionLoss(error)) return 'lost' as const;
          // The room is gone for us (e.g. the auction ended): catch up on its last events, then forget it.
          d.rooms.forget(room.ref);
          return 'refused' as const;
        }
      }),
    );
    // Lost again while rejoining: the next connection starts over (rooms stay paused until then).
    if (outcomes.includes('lost') || !d.socket.connected) return;
    d.readiness.set(true);
    if (d.clock.started) void d.clock.sync().catch(() => undefined);
    await Promise.all(
      d.sequencer.tracked().map(async (ref) => {
        await d.sequencer.release(ref).catch(() => undefined);
        // A room refused on rejoin has had its last events replayed: stop tracking it.
        if (!d.rooms.has(ref) && !isImplicitRoom(ref)) d.sequencer.forget(ref);
      }),
    );
  }

  d.socket.io.on('open', onOpen);
  d.socket.on('connect', onConnect);
  d.socket.on('disconnect', onDisconnect);
  d.socket.on('connect_error', onConnectError);
  d.socket.io.on('reconnect_failed', onGiveUp);
  return () => {
    d.socket.io.off('open', onOpen);
    d.socket.off('connect', onConnect);
    d.socket.off('disconnect', onDisconnect);
    d.socket.off('connect_error', onConnectError);
    d.socket.io.off('reconnect_failed', onGiveUp);
  };
}

/** A rejoin refused because the session expired meanwhile counts as lost too: the session is renewed next. */
const isConnectionLoss = (error: unknown) =>
  error instanceof BidwireError && (error.code === 'DISCONNECTED' || error.code === 'TIMEOUT' || isSessionExpiredRefusal(error));
