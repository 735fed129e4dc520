// The direct SQLite read of a snapshot answers exactly what the Prisma read answers, on random auction states:
// lots open, closed or absent, up to 70 bids (over the 50 kept) with automatic ties and stated maxima, a leader
// with or without a maximum, comments with equal times, times in Prisma's format and in SQLite's own default,
// a room seq or none, and the users asking (unknown ones and repeats among them).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteExclusive } from '../../db/client.js';
import { useMigratedSqlite } from '../../../test/support/migrated-sqlite.js';
import { auctionRoom } from '../../core/rooms.js';
import { RECENT, readSnapshotRows, statesFrom, type SnapshotRows } from './auction-snapshot.js';
import { LOT_COLUMNS } from './bid-columns.js';
import { readSnapshotRowsSqlite } from './sqlite-snapshot-read.js';

const scratch = useMigratedSqlite();
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];

beforeAll(async () => {
  await scratch.db().user.createMany({ data: USERS.map((id, i) => ({ id, name: `User ${i}`, avatarUrl: i % 2 ? `https://img.example/${id}.png` : null })) });
});

const bidArb = fc.record({ bidder: fc.integer({ min: 0, max: 5 }), step: fc.integer({ min: 1, max: 500 }), autoTie: fc.boolean(), maxExtra: fc.option(fc.integer({ min: 0, max: 5_000 })) });
const commentArb = fc.record({ author: fc.integer({ min: 0, max: 5 }), minute: fc.integer({ min: 0, max: 3 }), dbDefaultTime: fc.boolean() });
const stateArb = fc.record({
  lot: fc.constantFrom('open', 'sold', 'none'),
  bids: fc.array(bidArb, { maxLength: 70 }),
  comments: fc.array(commentArb, { maxLength: 60 }),
  leader: fc.constantFrom('lastBid', 'none'),
  leaderMax: fc.option(fc.integer({ min: 0, max: 10_000 })),
  seq: fc.option(fc.integer({ min: 1, max: 10_000 })),
  asking: fc.array(fc.constantFrom(...USERS, 'nobody'), { maxLength: 8 }),
  ownerIndex: fc.integer({ min: 0, max: 5 }),
});
type State = typeof stateArb extends fc.Arbitrary<infer T> ? T : never;

let auctions = 0;
async function seed(state: State): Promise<string> {
  const auctionId = `auction-${++auctions}`;
  const t0 = Date.UTC(2026, 11, 1, 12, 0, 0);
  await scratch.db().auction.create({
    data: { id: auctionId, ownerId: USERS[state.ownerIndex]!, title: `Auction ${auctions}`, status: 'live', startedAt: new Date(t0), description: auctions % 2 ? 'Spices' : null },
  });
  if (state.lot === 'none') return auctionId;
  const lotId = `${auctionId}-lot`;
  await scratch.db().lot.create({
    data: { id: lotId, auctionId, product: 'Saffron', startingPrice: 100n, minIncrement: 5n, status: state.lot, weight: 1.5, openedAt: new Date(t0), endsAt: new Date(t0 + 60_000), softCloseMs: 10_000 },
  });
  let amount = 100n;
  let lastBidId: string | null = null;
  for (const [i, b] of state.bids.entries()) {
    // An automatic bid may equal the bid that triggered it (tied maxima); otherwise amounts rise.
    const tie = b.autoTie && i > 0;
    if (!tie) amount += BigInt(b.step);
    lastBidId = `${auctionId}-bid-${i}`;
    await scratch.db().bid.create({
      data: {
        id: lastBidId, auctionId, lotId, userId: USERS[b.bidder]!, amount, auto: tie,
        maxAmount: b.maxExtra === null ? null : amount + BigInt(b.maxExtra), createdAt: new Date(t0 + i * 1000),
      },
    });
  }
  await scratch.db().lot.update({
    where: { id: lotId },
    data: {
      bidCount: state.bids.length, highestBid: state.bids.length ? amount : null,
      leadingBidId: state.leader === 'lastBid' ? lastBidId : null,
      leaderMax: state.leaderMax === null ? null : BigInt(state.leaderMax), secondMax: state.leaderMax === null ? null : 7n,
    },
  });
  return auctionId;
}

async function seedComments(auctionId: string, state: State) {
  const t0 = Date.UTC(2026, 11, 1, 12, 0, 0);
  for (const [i, c] of state.comments.entries()) {
    const id = `${auctionId}-c-${String(i).padStart(2, '0')}`;
    if (c.dbDefaultTime) {
      // The column's own default (CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS", no offset), as a row written by SQL.
      await scratch.db().$executeRawUnsafe('INSERT INTO "Comment" ("id", "auctionId", "userId", "text") VALUES (?, ?, ?, ?)', id, auctionId, USERS[c.author]!, `comment ${i}`);
    } else {
      await scratch.db().comment.create({ data: { id, auctionId, userId: USERS[c.author]!, text: `comment ${i}`, createdAt: new Date(t0 + c.minute * 60_000) } });
    }
  }
}

const lotColumns = (rows: SnapshotRows) => (rows.lot ? Object.fromEntries(Object.keys(LOT_COLUMNS).map((c) => [c, rows.lot![c as keyof typeof LOT_COLUMNS]])) : null);

describe('snapshot read on SQLite (direct SQL)', () => {
  it('answers what the Prisma read answers, on random states', async () => {
    const direct = sqliteExclusive(scratch.db());
    expect(direct).not.toBeNull();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(stateArb, async (state) => {
        const auctionId = await seed(state);
        await seedComments(auctionId, state);
        if (state.seq !== null) await scratch.db().roomSeq.create({ data: { room: auctionRoom(auctionId), seq: state.seq } });
        const byPrisma = await readSnapshotRows(scratch.db(), auctionId, state.asking);
        const { rows: bySql } = await direct!((client) => readSnapshotRowsSqlite(client, auctionId, state.asking, RECENT));
        expect(bySql.seq).toBe(byPrisma.seq);
        expect(lotColumns(bySql)).toEqual(lotColumns(byPrisma));
        expect(bySql.maxima).toEqual(byPrisma.maxima);
        expect(bySql.bids).toHaveLength(Math.min(RECENT, state.lot === 'open' ? state.bids.length : 0));
        expect(statesFrom(bySql, state.asking)).toEqual(statesFrom(byPrisma, state.asking));
        compared++;
      }),
      { numRuns: 60, seed: 20261201 },
    );
    expect(compared).toBe(60);
  });

  it('answers no auction for an unknown one, like the Prisma read', async () => {
    const direct = sqliteExclusive(scratch.db())!;
    const { rows: bySql } = await direct((client) => readSnapshotRowsSqlite(client, 'no-such-auction', ['u0'], RECENT));
    const byPrisma = await readSnapshotRows(scratch.db(), 'no-such-auction', ['u0']);
    expect(bySql).toEqual({ seq: 0, auction: null, lot: null, bids: [], comments: [], maxima: new Map() });
    expect(byPrisma.auction).toBeNull();
    expect(() => statesFrom(bySql, ['u0'])).toThrow(/Auction/);
  });
});
