// Building blocks shared by every domain: identifiers, money, times, the public user, acks and errors.
import { z } from 'zod';
import { ErrorCode } from './errors.js';

/** Server-made identifiers (cuid) and client-chosen keys: short, non-empty strings. */
export const Id = z.string().min(1).max(64);
/** An integer number of minor units (cents), > 0 and a safe integer. */
export const Money = z.int().positive();
/** ISO-8601 date-time string. */
export const Timestamp = z.string();
/** Client-generated key that makes a creating command idempotent (unique per user). */
export const RequestId = z.string().min(1).max(64);

export const PublicUser = z.object({
  id: Id,
  name: z.string(),
  avatarUrl: z.string().optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export type AckOk<T> = { ok: true; data: T };
export type AckError = { ok: false; error: ErrorPayload };
/** What every command's acknowledgement callback receives. */
export type Ack<T> = AckOk<T> | AckError;

export const ackSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorPayload }),
  ]);

/**
 * Fields every durable room event carries: `seq` grows by exactly 1 per event in the room,
 * `at` is when it happened; `replayed` is true when the event is delivered by a resync.
 */
export const RoomEventMeta = z.object({
  seq: z.int().nonnegative(),
  at: Timestamp,
  replayed: z.boolean().optional(),
});

/** A page of a REST list. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
