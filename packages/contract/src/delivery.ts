// Delivery guarantees (SPEC §7): `resync` replays the durable events a client missed in one room,
// or answers the room's snapshot when the gap is older than what the server keeps.
import * as z from 'zod';
import { command, ROOM_TYPES } from './define.js';
import { Id, RoomEventMeta } from './shared.js';
import { AuctionSnapshot } from './auction.entities.js';
import { ConversationSnapshot } from './chat.js';
import { GameSnapshot } from './game.entities.js';

/** A room as clients name it for `resync`: its type and id (`me` for the caller's own user room). */
export const RoomRef = z.object({ type: z.enum(ROOM_TYPES), id: Id });
export type RoomRef = z.infer<typeof RoomRef>;

/** One replayed durable event: its name and its payload as first sent, with `replayed: true`. */
export const ReplayedEvent = z.object({ event: z.string(), payload: RoomEventMeta.loose() });

/** The snapshot of a room without a richer one: the `seq` it reflects and the server's clock. */
export const BareRoomSnapshot = z.object({ seq: z.int().nonnegative(), serverTime: z.number() });

/** A conversation room's snapshot: what `joinConversation` answers, plus the server's clock. */
export const ConversationRoomSnapshot = ConversationSnapshot.extend({ serverTime: z.number() });

/**
 * What `resync` answers when the gap is too old: the room type's snapshot (auction rooms: the
 * `joinAuction` snapshot; conversation rooms: the `joinConversation` one; game rooms: the `joinGame` one). Room types with a richer
 * snapshot add it to this union.
 */
export const RoomSnapshot = z.union([AuctionSnapshot, ConversationRoomSnapshot, GameSnapshot, BareRoomSnapshot]);
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;

/**
 * One page of replayed events. A resync's answer is bounded (in events and bytes): while `hasMore`, the
 * client asks again with `afterSeq: nextAfterSeq` (the seq of the last event of this page) until caught up.
 */
export const ResyncEvents = z.object({
  events: z.array(ReplayedEvent),
  hasMore: z.boolean(),
  nextAfterSeq: z.int().nonnegative(),
});
export type ResyncEvents = z.infer<typeof ResyncEvents>;

export const ResyncResult = z.union([ResyncEvents, z.object({ snapshot: RoomSnapshot })]);
export type ResyncResult = z.infer<typeof ResyncResult>;

export const deliveryCommands = {
  resync: command({
    description:
      'The durable events of a room after `afterSeq`, in order, each with `replayed: true`, one bounded page at a time (`hasMore`, `nextAfterSeq`); or the room snapshot when they are no longer kept.',
    request: z.object({ room: RoomRef, afterSeq: z.int().nonnegative() }),
    response: ResyncResult,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    idempotent: true,
  }),
} as const;
