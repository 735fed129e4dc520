// The durable room events a fake server emitted, per room: numbers them (`seq`) when the test leaves
// that out, and replays them to `resync` like the real server's room log.
import type { RoomBinding, RoomRef } from '@bidwire/contract';

interface Logged {
  event: string;
  payload: { seq: number };
}

/** The caller's own room of a type (their user room), as the SDK names it. */
const OWN_ROOM_ID = 'me';

const keyOf = (room: RoomRef) => `${room.type}:${room.id}`;

export class RoomLog {
  private readonly logs = new Map<string, Logged[]>();
  private readonly last = new Map<string, number>();

  /** The room a payload of an event bound to `binding` belongs to, or null when it names none. */
  roomOf(binding: RoomBinding, payload: unknown): RoomRef | null {
    if (binding.idField === undefined) return { type: binding.room, id: OWN_ROOM_ID };
    const id = (payload as Record<string, unknown> | null)?.[binding.idField];
    return typeof id === 'string' && id !== '' ? { type: binding.room, id } : null;
  }

  /** The payload with `seq` (next in the room) and `at` (now) filled in where the test left them out. */
  stamp(room: RoomRef, payload: Record<string, unknown>): Record<string, unknown> {
    return {
      ...payload,
      seq: payload.seq ?? this.lastSeq(room) + 1,
      at: payload.at ?? new Date().toISOString(),
    };
  }

  record(room: RoomRef, event: string, payload: { seq: number }): void {
    const key = keyOf(room);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = []));
    log.push({ event, payload });
    this.last.set(key, Math.max(this.lastSeq(room), payload.seq));
  }

  lastSeq(room: RoomRef): number {
    return this.last.get(keyOf(room)) ?? 0;
  }

  /** What `resync` answers: the room's events after `afterSeq`, in order, marked `replayed`. */
  after(room: RoomRef, afterSeq: number): { event: string; payload: { seq: number; at: string; replayed: true } }[] {
    return (this.logs.get(keyOf(room)) ?? [])
      .filter((e) => e.payload.seq > afterSeq)
      .sort((a, b) => a.payload.seq - b.payload.seq)
      .map((e) => ({ event: e.event, payload: { ...(e.payload as { seq: number; at: string }), replayed: true as const } }));
  }
}
