// A resync page on SQLite is remembered while the data version is unchanged (room-replay.ts). Random sequences of
// log writes from every side — events appended through the Prisma client's connection, through the direct
// connection (committed, or lost after a page read in the same transaction), by another process's connection,
// the log's front pruned — and page requests, each compared with the page of a fresh Prisma read. A remembered
// page that missed a change fails here.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteExclusive } from '../../db/client.js';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { eventsPage, pageFrom, pageReadStats, readLogPrisma } from './room-replay.js';
import type { PageLimits } from './replay-rule.js';

const scratch = useMigratedSqlite();
const ROOMS = ['auction:r0', 'auction:r1'];
const LIMITS: PageLimits = { maxEvents: 6, maxBytes: 600, maxGap: 30 };
let other: Database.Database | undefined; // another process's connection to the same file
beforeAll(() => void (other = new Database(scratch.file(), { timeout: 5000 })));
afterAll(() => other?.close());

const roomArb = fc.constantFrom(...ROOMS);
const opArb = fc.record({
  room: roomArb,
  afterSeq: fc.integer({ min: 0, max: 40 }),
  write: fc.constantFrom('none', 'prisma', 'direct', 'lostTrain', 'other', 'prune'),
});

const seqs = new Map<string, number>();
const payload = (seq: number) => JSON.stringify({ seq, at: '2026-12-01T12:00:00.000Z', text: 'x'.repeat(seq * 7) });
const append = (room: string) => {
  const seq = (seqs.get(room) ?? 0) + 1;
  seqs.set(room, seq);
  return seq;
};
const directSql = {
  event: 'INSERT INTO "RoomEvent" ("id", "room", "seq", "event", "payload", "at") VALUES (?, ?, ?, ?, ?, ?)',
  seq: 'INSERT INTO "RoomSeq" ("room", "seq") VALUES (?, ?) ON CONFLICT ("room") DO UPDATE SET "seq" = excluded."seq"',
};

async function write(kind: (typeof opArb extends fc.Arbitrary<infer T> ? T : never)['write'], room: string, afterSeq: number) {
  const db = scratch.db();
  switch (kind) {
    case 'none':
      return;
    case 'prisma': {
      const seq = append(room);
      await db.roomEvent.create({ data: { room, seq, event: 'commentAdded', payload: payload(seq) } });
      await db.roomSeq.upsert({ where: { room }, create: { room, seq }, update: { seq } });
      return;
    }
    case 'other': {
      const seq = append(room);
      other!.transaction(() => {
        other!.prepare(directSql.event).run(`o-${room}-${seq}`, room, seq, 'bidPlaced', payload(seq), new Date().toISOString());
        other!.prepare(directSql.seq).run(room, seq);
      })();
      return;
    }
    case 'direct': {
      const seq = append(room);
      await sqliteExclusive(db)!((client) => {
        client.prepare(directSql.event).run(`d-${room}-${seq}`, room, seq, 'bidPlaced', payload(seq), new Date().toISOString());
        client.prepare(directSql.seq).run(room, seq);
      });
      return;
    }
    case 'lostTrain': {
      // One transaction (works asked for in the same turn share it): an event written, a page read that sees it,
      // then the whole transaction lost (as on a full disk). Every work fails; the page is never remembered.
      const seq = (seqs.get(room) ?? 0) + 1;
      const exclusive = sqliteExclusive(db)!;
      const works = [
        exclusive((client) => {
          client.prepare(directSql.event).run(`d-${room}-${seq}`, room, seq, 'bidPlaced', payload(seq), new Date().toISOString());
          client.prepare(directSql.seq).run(room, seq);
        }),
        eventsPage(db, room, afterSeq, LIMITS),
        exclusive((client) => {
          client.exec('ROLLBACK');
          throw new Error('transaction lost');
        }),
      ];
      for (const work of works) await expect(work).rejects.toThrow();
      return;
    }
    case 'prune':
      await db.roomEvent.deleteMany({ where: { room, seq: { lte: Math.floor((seqs.get(room) ?? 0) / 2) } } });
      return;
  }
}

describe('remembered resync pages on SQLite', () => {
  it('answer what a fresh read answers after every kind of write, and are reused while nothing changed', async () => {
    let reads = 0;
    const reusedBefore = pageReadStats.reused;
    const pageChecked = async (room: string, afterSeq: number) => {
      const page = await eventsPage(scratch.db(), room, afterSeq, LIMITS);
      expect(page).toEqual(pageFrom(await readLogPrisma(scratch.db(), room, afterSeq, LIMITS.maxEvents), afterSeq, LIMITS));
      reads++;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const { room, afterSeq, write: kind } of ops) {
          // Every write comes between two requests for a page, so a remembered page is there to go stale.
          await pageChecked(room, afterSeq);
          await write(kind, room, afterSeq);
          await pageChecked(room, afterSeq);
          // Again, with nothing written in between: this request must be answered from memory.
          const reused = pageReadStats.reused;
          await pageChecked(room, afterSeq);
          expect(pageReadStats.reused).toBe(reused + 1);
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
    expect(reads).toBeGreaterThan(40 * 5 * 3 - 1);
    expect(pageReadStats.reused - reusedBefore).toBeGreaterThanOrEqual(reads / 3);
  });
});
