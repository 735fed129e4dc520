// Exactly-once, in-order delivery of durable room events: tracks the last `seq` seen per room, drops
// duplicates, holds events back while a room is being (re)joined or resynced, and resyncs a room
// (following the server's pages) when its `seq` jumps. Knows no socket: it is given `resync` and `deliver`.
import type { ResyncResult, RoomRef, RoomSnapshot } from '@bidwire/contract';
import { isImplicitRoom, roomKey, roomOfEvent } from './room-bindings.js';

interface Held {
  event: string;
  payload: { seq: number };
}

interface RoomState {
  ref: RoomRef;
  /** The last seq delivered (or reflected by a snapshot); null until the join's answer gives it. */
  last: number | null;
  /** Events are held, not delivered, while the app's join of the room is unanswered... */
  holds: number;
  /** ...while the client is getting back into its rooms after a reconnection... */
  paused: boolean;
  held: Held[];
  /** ...and while a resync of the room runs. */
  syncing: Promise<void> | null;
}

const blocked = (room: RoomState) => room.holds > 0 || room.paused || room.syncing !== null;

/** The highest seq the room can deliver without asking the server: its last, extended by held events without a hole. */
function reachable(room: RoomState): number {
  let end = room.last ?? 0;
  for (const seq of room.held.map((h) => h.payload.seq).sort((a, b) => a - b)) {
    if (seq === end + 1) end = seq;
    else if (seq > end + 1) break;
  }
  return end;
}

export interface SequencerDeps {
  resync(room: RoomRef, afterSeq: number): Promise<ResyncResult>;
  deliver(event: string, payload: unknown): void;
  snapshot(room: RoomRef, snapshot: RoomSnapshot): void;
}

/** Resyncs in a row that do not close a gap before the held events are let through as they are. */
const MAX_FRUITLESS_RESYNCS = 3;

/** A rate-limited resync page is asked again after 250 ms, 500 ms, 1 s, then every 2 s, up to 10 times. */
const RATE_LIMITED_RETRIES = 10;
const RATE_LIMITED_FIRST_WAIT_MS = 250;
const RATE_LIMITED_MAX_WAIT_MS = 2_000;

export class RoomSequencer {
  private readonly rooms = new Map<string, RoomState>();

  constructor(private readonly deps: SequencerDeps) {}

  /** Every event from the server goes through here. */
  incoming(event: string, payload: unknown): void {
    const ref = roomOfEvent(event, payload);
    if (!ref) return this.deps.deliver(event, payload);
    const seq = (payload as { seq: number }).seq;
    let room = this.rooms.get(roomKey(ref));
    if (!room) {
      // A room the app never joined through us (or a server that is not ours): pass it through.
      if (!isImplicitRoom(ref)) return this.deps.deliver(event, payload);
      room = this.track(ref, seq - 1);
    }
    room.held.push({ event, payload: payload as { seq: number } });
    if (!blocked(room)) this.drain(room, 0);
  }

  /** Last seq seen per tracked room (for tests and diagnostics). */
  lastSeq(ref: RoomRef): number | null {
    return this.rooms.get(roomKey(ref))?.last ?? null;
  }

  tracked(): RoomRef[] {
    return [...this.rooms.values()].map((r) => r.ref);
  }

  /** A join (or rejoin) of the room is on its way: hold its events until `joined`/`joinFailed`. */
  joining(ref: RoomRef): void {
    const room = this.rooms.get(roomKey(ref)) ?? this.track(ref, null);
    room.holds++;
  }

  /** The join was answered with the snapshot at `snapshotSeq`; a known room catches up from its last seq. */
  joined(ref: RoomRef, snapshotSeq: number | undefined): Promise<void> {
    const room = this.rooms.get(roomKey(ref));
    if (!room) return Promise.resolve();
    room.holds = Math.max(0, room.holds - 1);
    if (room.last === null) {
      if (snapshotSeq === undefined) {
        // A join without a seq: nothing to order against, let events through as they come.
        this.rooms.delete(roomKey(ref));
        for (const h of room.held) this.deps.deliver(h.event, h.payload);
        return Promise.resolve();
      }
      room.last = snapshotSeq;
      this.drain(room, 0);
      return Promise.resolve();
    }
    // A rejoin: the events up to the snapshot's seq already delivered or held in order leave nothing to fetch.
    if (snapshotSeq !== undefined && snapshotSeq <= reachable(room)) {
      if (!blocked(room)) this.drain(room, 0);
      return room.syncing ?? Promise.resolve();
    }
    return this.resync(ref);
  }

  /** The join failed: a room we never had is dropped, a known one still catches up (e.g. it ended). */
  joinFailed(ref: RoomRef): Promise<void> {
    const room = this.rooms.get(roomKey(ref));
    if (!room) return Promise.resolve();
    room.holds = Math.max(0, room.holds - 1);
    if (room.last === null) {
      this.rooms.delete(roomKey(ref));
      for (const h of room.held) this.deps.deliver(h.event, h.payload);
      return Promise.resolve();
    }
    return this.resync(ref);
  }

  /** After a reconnection, before anything else arrives: hold every room until it is released. */
  pauseAll(): void {
    for (const room of this.rooms.values()) room.paused = true;
  }

  /** Ends the pause of one room and catches it up from its last seq. */
  release(ref: RoomRef): Promise<void> {
    const room = this.rooms.get(roomKey(ref));
    if (!room) return Promise.resolve();
    room.paused = false;
    return this.resync(ref);
  }

  forget(ref: RoomRef): void {
    this.rooms.delete(roomKey(ref));
  }

  /** Fetches what the room missed since its last seq and delivers it, then what was held. */
  resync(ref: RoomRef, fruitless = 0): Promise<void> {
    const room = this.rooms.get(roomKey(ref));
    if (!room || room.last === null) return Promise.resolve();
    if (room.syncing) return room.syncing;
    const before = room.last;
    const run = async () => {
      try {
        // The server answers a long gap in bounded pages: follow them until caught up (or a snapshot).
        for (let after = before; ; ) {
          const result = await this.resyncPage(ref, after);
          if (!('events' in result)) {
            room.last = result.snapshot.seq;
            this.deps.snapshot(ref, result.snapshot);
            break;
          }
          for (const e of [...result.events].sort((a, b) => a.payload.seq - b.payload.seq)) {
            if (room.last !== null && e.payload.seq <= room.last) continue;
            room.last = e.payload.seq;
            this.deps.deliver(e.event, e.payload);
          }
          // A page that moved nothing forward (or a server without pages) ends the loop.
          const next = room.last ?? after;
          if (result.hasMore !== true || next <= after || this.rooms.get(roomKey(ref)) !== room) break;
          after = next;
        }
      } finally {
        room.syncing = null;
      }
      if (this.rooms.get(roomKey(ref)) === room && !blocked(room)) {
        this.drain(room, room.last === before ? fruitless + 1 : 0);
      }
    };
    room.syncing = run();
    // A failed resync (connection lost) keeps the held events: the next reconnection resyncs again.
    room.syncing.catch(() => undefined);
    return room.syncing;
  }

  /** One page of a resync; a RATE_LIMITED answer (resync has its own limit) is retried after a pause. */
  private async resyncPage(ref: RoomRef, afterSeq: number): Promise<ResyncResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.resync(ref, afterSeq);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'RATE_LIMITED' || attempt >= RATE_LIMITED_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(RATE_LIMITED_MAX_WAIT_MS, RATE_LIMITED_FIRST_WAIT_MS * 2 ** attempt)));
      }
    }
  }

  private track(ref: RoomRef, last: number | null): RoomState {
    const room: RoomState = { ref, last, holds: 0, paused: false, held: [], syncing: null };
    this.rooms.set(roomKey(ref), room);
    return room;
  }

  /** Delivers held events in seq order; a hole triggers a resync (given up after a few fruitless ones). */
  private drain(room: RoomState, fruitless: number): void {
    room.held.sort((a, b) => a.payload.seq - b.payload.seq);
    while (room.held.length > 0) {
      const next = room.held[0]!;
      const last = room.last ?? next.payload.seq - 1;
      if (next.payload.seq <= last) {
        room.held.shift(); // already delivered (or in the snapshot): a duplicate
      } else if (next.payload.seq === last + 1 || fruitless >= MAX_FRUITLESS_RESYNCS) {
        room.held.shift();
        room.last = next.payload.seq;
        this.deps.deliver(next.event, next.payload);
      } else {
        void this.resync(room.ref, fruitless).catch(() => undefined);
        return;
      }
    }
  }
}
