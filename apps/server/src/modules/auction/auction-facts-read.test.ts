// An auction's facts read on SQLite (direct SQL, remembered while the database is unchanged) answer what the
// Prisma read answers after every change: random sequences of status changes and owner changes through Prisma,
// reads of known and unknown auctions, each compared with a fresh Prisma read.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { sqliteExclusive } from '../../db/client.js';
import { readAuctionFacts } from './auction-facts-read.js';
import { createAuctionRepository } from './auction.repository.js';

const scratch = useMigratedSqlite();
const AUCTIONS = ['a0', 'a1', 'a2'];
beforeAll(async () => {
  const db = scratch.db();
  await db.user.createMany({ data: [{ id: 'u0', name: 'u0' }, { id: 'u1', name: 'u1' }] });
  for (const id of AUCTIONS) await db.auction.create({ data: { id, ownerId: 'u0', title: id, status: 'scheduled' } });
});

const opArb = fc.record({
  auction: fc.constantFrom(...AUCTIONS, 'unknown'),
  change: fc.option(fc.record({ status: fc.constantFrom('scheduled', 'live', 'ended', 'canceled'), owner: fc.constantFrom('u0', 'u1') })),
});

describe('auction facts on SQLite (direct SQL, remembered)', () => {
  it('answer what a fresh Prisma read answers after every change', async () => {
    expect(sqliteExclusive(scratch.db())).not.toBeNull();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 15 }), async (ops) => {
        const db = scratch.db();
        for (const { auction, change } of ops) {
          await readAuctionFacts(db, auction); // remembered, then perhaps made stale
          if (change && auction !== 'unknown') await db.auction.update({ where: { id: auction }, data: { status: change.status, ownerId: change.owner } });
          for (let i = 0; i < 2; i++) {
            expect(await readAuctionFacts(db, auction)).toEqual(await createAuctionRepository(db).auctionFacts(auction));
            compared++;
          }
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
    expect(compared).toBeGreaterThanOrEqual(80);
  });
});
