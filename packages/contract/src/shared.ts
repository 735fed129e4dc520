// Building blocks shared by every domain: identifiers, money, times, the public user, acks and errors.
import * as z from 'zod';
import { ErrorCode } from './errors.js';

/** Server-made identifiers (cuid) and client-chosen keys: short, non-empty strings. */
export const Id = z.string().min(1).max(64).meta({ examples: ['cmbx4k2p9000a7f3q8r2w1z6'] });
/** An integer number of minor units (cents), > 0 and a safe integer. */
export const Money = z.int().positive().meta({ examples: [1500] });
/** ISO-8601 date-time string. */
export const Timestamp = z.string().meta({ examples: ['2026-03-01T18:30:00.000Z'] });
/** Client-generated key that makes a creating command idempotent (unique per user). */
export const RequestId = z.string().min(1).max(64).meta({ examples: ['3f0c9a52-7d1e-4b8a-9c61-5e2f7a1b4d90'] });

export const PublicUser = z.object({
  id: Id,
  name: z.string().meta({ examples: ['Alice'] }),
  avatarUrl: z.string().optional().meta({ examples: ['https://cdn.example.com/avatars/alice.png'] }),
});
export type PublicUser = z.infer<typeof PublicUser>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  /** A human-readable English sentence. */
  message: z.string().meta({ examples: ['A sentence that says what went wrong.'] }),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export type AckOk<T> = { ok: true; data: T };
export type AckError = { ok: false; error: ErrorPayload };
/** What every command's acknowledgement callback receives. */
export type Ack<T> = AckOk<T> | AckError;

/**
 * Fields every durable room event carries: `seq` grows by exactly 1 per event in the room,
 * `at` is when it happened; `replayed` is true when the event is delivered by a resync.
 */
export const RoomEventMeta = z.object({
  seq: z.int().nonnegative().meta({ examples: [42] }),
  at: Timestamp,
  replayed: z.boolean().optional(),
});

/** A page of a REST list. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
