// The durable log of room events: each event takes the room's next `seq` inside the transaction
// that makes its change, so `seq` is gap-free and persisted with the change (replay builds on it).
import type { EventName, EventPayload, RoomEventName } from '@bidwire/contract';
import type { DomainMessage, Outgoing } from '../../core/events.js';
import type { DbOrTx, Tx } from '../../db/tx.js';

type Body<K extends RoomEventName> = Omit<EventPayload<K>, 'seq' | 'at' | 'replayed'>;

/**
 * Takes the room's next seq. Call it first in a transaction: on PostgreSQL/MySQL it also locks the
 * room's row, so every writer of a room takes its locks in the same order.
 */
export function claimSeq(tx: Tx, room: string): Promise<number> {
  return bumpSeq(tx, room, 1);
}

/** Adds `by` to the room's seq (creating the row) and answers the result; the row stays locked until commit. */
async function bumpSeq(tx: Tx, room: string, by: 0 | 1): Promise<number> {
  // An upsert with only the unique key in `where` runs as one native INSERT … ON CONFLICT DO UPDATE.
  const row = await tx.roomSeq.upsert({
    where: { room },
    create: { room, seq: by },
    update: { seq: { increment: by } },
    select: { seq: true },
  });
  return row.seq;
}

/**
 * Locks the room's seq row without taking a seq, and answers the last seq handed out. For a writer that
 * decides how many events it records only after reading under the lock; `advanceSeq` then takes them.
 */
export function lockSeq(tx: Tx, room: string): Promise<number> {
  return bumpSeq(tx, room, 0);
}

/** Sets the room's last seq (after lockSeq, to the last seq its events used). */
export async function advanceSeq(tx: Tx, room: string, to: number): Promise<void> {
  await tx.roomSeq.update({ where: { room }, data: { seq: to } });
}

/** A room event as stored in the log, and as it goes out once its transaction has committed. */
export function roomEvent<K extends RoomEventName>(room: string, seq: number, event: K, body: Body<K>, at: Date) {
  return logged(room, seq, event, body, at);
}

function logged(room: string, seq: number, event: EventName, body: object, at: Date) {
  const payload = { ...body, seq, at: at.toISOString() };
  return { row: { room, seq, event, payload: JSON.stringify(payload), at }, outgoing: { room, event, payload } satisfies Outgoing };
}

/** Stores many events of one transaction with one statement. */
export async function recordEvents(tx: Tx, events: ReturnType<typeof roomEvent>[]): Promise<Outgoing[]> {
  if (events.length > 0) await tx.roomEvent.createMany({ data: events.map((e) => e.row) });
  return events.map((e) => e.outgoing);
}

export async function recordEvent<K extends RoomEventName>(
  tx: Tx,
  room: string,
  seq: number,
  event: K,
  body: Body<K>,
  at: Date = new Date(),
): Promise<Outgoing> {
  const { row, outgoing } = roomEvent(room, seq, event, body, at);
  await tx.roomEvent.create({ data: row });
  return outgoing;
}

/** Records a domain event (validated against its schema by the publish API) in a user or topic room. */
export async function recordDomainEvent(tx: Tx, room: string, seq: number, message: DomainMessage, extra: { topic?: string } = {}): Promise<Outgoing> {
  const { row, outgoing } = logged(room, seq, message.event, { ...message.payload, ...extra }, new Date());
  await tx.roomEvent.create({ data: row });
  return outgoing;
}

/** claimSeq + recordEvent, for transactions that write one event. */
export async function appendEvent<K extends RoomEventName>(tx: Tx, room: string, event: K, body: Body<K>): Promise<Outgoing> {
  return recordEvent(tx, room, await claimSeq(tx, room), event, body);
}

export async function currentSeq(db: DbOrTx, room: string): Promise<number> {
  const row = await db.roomSeq.findUnique({ where: { room }, select: { seq: true } });
  return row?.seq ?? 0;
}

/** Rooms whose seq passed `events` (pruning candidates), with their last seq. */
export async function roomsLongerThan(db: DbOrTx, events: number): Promise<{ room: string; seq: number }[]> {
  return db.roomSeq.findMany({ where: { seq: { gt: events } }, select: { room: true, seq: true } });
}

/** Deletes a room's events older than `cutoff` up to seq `upTo`; answers how many went. */
export async function deleteEventsBefore(db: DbOrTx, room: string, cutoff: Date, upTo: number): Promise<number> {
  return (await db.roomEvent.deleteMany({ where: { room, at: { lt: cutoff }, seq: { lte: upTo } } })).count;
}
