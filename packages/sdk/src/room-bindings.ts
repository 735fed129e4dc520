// Which room a command joins or leaves and which room an event belongs to, derived from the
// contract's metadata (`joins`, `leaves`, `room`), so a new room type or event needs no SDK change.
import type { RoomBinding, RoomRef } from '@bidwire/contract';
import { contractMeta } from './contract-meta.js';

/** The id the SDK uses for the caller's own room of a type (their user room). */
export const OWN_ROOM_ID = 'me';

export const roomKey = (room: RoomRef): string => `${room.type}:${room.id}`;

const commandDefs = contractMeta.commands;
const eventDefs = contractMeta.events;

function resolve(binding: RoomBinding | undefined, payload: unknown): RoomRef | null {
  if (!binding) return null;
  if (binding.idField === undefined) return { type: binding.room, id: OWN_ROOM_ID };
  const id = (payload as Record<string, unknown> | null)?.[binding.idField];
  return typeof id === 'string' && id !== '' ? { type: binding.room, id } : null;
}

/** The room a successful `command` with this payload puts the socket in. */
export const roomJoinedBy = (command: string, payload: unknown): RoomRef | null => resolve(commandDefs[command]?.joins, payload);

/** The room a successful `command` with this payload takes the socket out of. */
export const roomLeftBy = (command: string, payload: unknown): RoomRef | null => resolve(commandDefs[command]?.leaves, payload);

/** The room whose `seq` this event carries, or null for events without one (ephemeral, global...). */
export function roomOfEvent(event: string, payload: unknown): RoomRef | null {
  if (typeof (payload as { seq?: unknown } | null)?.seq !== 'number') return null;
  return resolve(eventDefs[event]?.room, payload);
}

/** A room the server puts every socket in by itself (no join command): tracked from its first event. */
export const isImplicitRoom = (room: RoomRef): boolean => room.id === OWN_ROOM_ID;

/** Safe to send again when the connection dropped before its answer came. */
export function isRetryable(command: string, payload: unknown): boolean {
  const def = commandDefs[command];
  if (!def) return false;
  if (def.idempotent || def.joins || def.leaves) return true;
  return typeof (payload as { requestId?: unknown } | null)?.requestId === 'string';
}
