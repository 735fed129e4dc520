// The SQLite snapshot read reuses the rows of the last read while the data version is unchanged
// (sqlite-snapshot-read.ts). Random sequences of writes from every side — the Prisma client's connection (bids,
// comments, a renamed author, the room's seq: a rename moves no seq), the direct connection (committed, rolled
// back with the work, or lost after a read in the same transaction), another process's connection — and
// reads, each read compared with a fresh read through Prisma. A reused read that missed any change fails here.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteExclusive } from '../../db/client.js';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { auctionRoom } from '../../core/rooms.js';
import { readAuctionStates, readSnapshotRows, statesFrom } from './auction-snapshot.js';
import { snapshotReadStats } from './sqlite-snapshot-read.js';

const scratch = useMigratedSqlite();
const USERS = ['u0', 'u1', 'u2', 'u3'];
const AUCTIONS = ['a0', 'a1'];
let other: Database.Database | undefined; // another process's connection to the same file

beforeAll(async () => {
  const db = scratch.db();
  await db.user.createMany({ data: USERS.map((id, i) => ({ id, name: `User ${i}` })) });
  for (const id of AUCTIONS) {
    await db.auction.create({ data: { id, ownerId: 'u0', title: `Auction ${id}`, status: 'live', startedAt: new Date() } });
    await db.lot.create({
      data: { id: `${id}-lot`, auctionId: id, product: 'Saffron', startingPrice: 100n, minIncrement: 5n, status: 'open', weight: 1, openedAt: new Date(), endsAt: new Date(Date.now() + 3_600_000), softCloseMs: 0 },
    });
  }
  other = new Database(scratch.file(), { timeout: 5000 });
});
afterAll(() => other?.close());

const auctionArb = fc.constantFrom(...AUCTIONS);
const userArb = fc.constantFrom(...USERS);
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('read' as const), auction: auctionArb, asking: fc.array(fc.constantFrom(...USERS, 'nobody'), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('bid' as const), auction: auctionArb, user: userArb, max: fc.boolean() }),
  fc.record({ kind: fc.constant('comment' as const), auction: auctionArb, user: userArb }),
  fc.record({ kind: fc.constant('rename' as const), auction: auctionArb, user: userArb }),
  fc.record({ kind: fc.constant('seq' as const), auction: auctionArb }),
  fc.record({ kind: fc.constant('directComment' as const), auction: auctionArb, user: userArb, outcome: fc.constantFrom('commit', 'throw', 'lostTrain') }),
  fc.record({ kind: fc.constant('otherRename' as const), auction: auctionArb, user: userArb }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

let writes = 0;
async function apply(op: Exclude<Op, { kind: 'read' }>) {
  const db = scratch.db();
  const n = ++writes;
  switch (op.kind) {
    case 'bid': {
      const lotId = `${op.auction}-lot`;
      const id = `bid-${n}`;
      await db.bid.create({ data: { id, auctionId: op.auction, lotId, userId: op.user, amount: BigInt(100 + n), auto: false, maxAmount: op.max ? BigInt(200 + n) : null } });
      await db.lot.update({ where: { id: lotId }, data: { highestBid: BigInt(100 + n), leadingBidId: id, leaderMax: op.max ? BigInt(200 + n) : null, bidCount: { increment: 1 } } });
      return;
    }
    case 'comment':
      await db.comment.create({ data: { id: `c-${n}`, auctionId: op.auction, userId: op.user, text: `comment ${n}` } });
      return;
    case 'rename':
      await db.user.update({ where: { id: op.user }, data: { name: `Renamed ${n}` } });
      return;
    case 'seq':
      await db.roomSeq.upsert({ where: { room: auctionRoom(op.auction) }, create: { room: auctionRoom(op.auction), seq: n }, update: { seq: n } });
      return;
    case 'otherRename':
      other!.prepare('UPDATE "User" SET "name" = ? WHERE "id" = ?').run(`Other ${n}`, op.user);
      return;
    case 'directComment': {
      const insert = (client: Database.Database) =>
        client
          .prepare('INSERT INTO "Comment" ("id", "auctionId", "userId", "text", "createdAt") VALUES (?, ?, ?, ?, ?)')
          .run(`d-${n}`, op.auction, op.user, `direct ${n}`, new Date().toISOString());
      const exclusive = sqliteExclusive(db)!;
      if (op.outcome === 'commit') return void (await exclusive(insert));
      if (op.outcome === 'throw') {
        await expect(exclusive((client) => {
          insert(client);
          throw new Error('rolled back');
        })).rejects.toThrow('rolled back');
        return;
      }
      // One transaction (works asked for in the same turn share it): a comment written, a snapshot read that
      // sees it, then the whole transaction lost (as on a full disk). Every work fails; nothing is remembered.
      const works = [
        exclusive(insert),
        readAuctionStates(db, op.auction, ['u1']),
        exclusive((client) => {
          client.exec('ROLLBACK');
          throw new Error('transaction lost');
        }),
      ];
      for (const work of works) await expect(work).rejects.toThrow();
      return;
    }
  }
}

describe('remembered snapshot rows on SQLite', () => {
  it('answers what a fresh read answers after every kind of write, and reuses rows while nothing changed', async () => {
    let reads = 0;
    const reusedBefore = snapshotReadStats.reused;
    const readChecked = async (auctionId: string, asking: string[]) => {
      const states = await readAuctionStates(scratch.db(), auctionId, asking);
      expect(states).toEqual(statesFrom(await readSnapshotRows(scratch.db(), auctionId, asking), asking));
      reads++;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 20 }), async (ops) => {
        for (const op of ops) {
          const asking = op.kind === 'read' ? op.asking : ['u1', 'u2'];
          // Every write comes between two reads of an auction, so a remembered read is there to go stale.
          await readChecked(op.auction, asking);
          if (op.kind !== 'read') await apply(op);
          await readChecked(op.auction, asking);
          // Again, with nothing written in between: this read must reuse the last one's rows.
          const reused = snapshotReadStats.reused;
          await readChecked(op.auction, asking);
          expect(snapshotReadStats.reused).toBe(reused + 1);
        }
      }),
      { numRuns: 25, seed: 20261202 },
    );
    expect(reads).toBeGreaterThan(25 * 5 * 3 - 1);
    expect(snapshotReadStats.reused - reusedBefore).toBeGreaterThanOrEqual(reads / 3);
  });
});
