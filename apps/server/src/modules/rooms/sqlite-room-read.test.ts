// The direct SQLite read of a room's log answers exactly what the Prisma read answers: random logs (pruned at
// the front or not, a seq row or none), random positions to read after and page sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqliteExclusive } from '../../db/client.js';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { readLogPrisma } from './room-replay.js';
import { readLogSqlite } from './sqlite-room-read.js';

const scratch = useMigratedSqlite();

const logArb = fc.record({
  length: fc.integer({ min: 0, max: 40 }),
  pruned: fc.integer({ min: 0, max: 20 }),
  hasSeqRow: fc.boolean(),
  reads: fc.array(fc.record({ afterSeq: fc.integer({ min: 0, max: 45 }), take: fc.integer({ min: 1, max: 50 }) }), { minLength: 1, maxLength: 5 }),
});

let rooms = 0;

describe('room log read on SQLite (direct SQL)', () => {
  it('answers what the Prisma read answers, on random logs', async () => {
    const direct = sqliteExclusive(scratch.db());
    expect(direct).not.toBeNull();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(logArb, async ({ length, pruned, hasSeqRow, reads }) => {
        const room = `auction:room-${++rooms}`;
        const kept = Array.from({ length }, (_, i) => i + 1).filter((seq) => seq > pruned);
        await scratch.db().roomEvent.createMany({
          data: kept.map((seq) => ({ room, seq, event: seq % 2 ? 'bidPlaced' : 'commentAdded', payload: JSON.stringify({ seq, at: '2026-12-01T12:00:00.000Z', n: 'é'.repeat(seq) }) })),
        });
        if (hasSeqRow && length > 0) await scratch.db().roomSeq.create({ data: { room, seq: length } });
        for (const { afterSeq, take } of reads) {
          const bySql = await direct!((client) => readLogSqlite(client, room, afterSeq, take));
          expect(bySql).toEqual(await readLogPrisma(scratch.db(), room, afterSeq, take));
          compared++;
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
    expect(compared).toBeGreaterThanOrEqual(60);
  });
});
