// Prisma queries of the live-auction domain. Takes the database or a transaction client.
import type { DbOrTx } from '../../db/tx.js';
import { afterCursor, paged } from '../../lib/paged.js';
import { publicUserSelect } from './auction.mappers.js';
import type { LotWrite } from './bid-batch.js';
import type { NewBid } from './bid-columns.js';

const withOwner = { owner: publicUserSelect } as const;
const withUser = { user: publicUserSelect } as const;

export function createAuctionRepository(db: DbOrTx) {
  return {
    createAuction: (data: {
      ownerId: string;
      title: string;
      description?: string | undefined;
      categoryId?: string | undefined;
      imageUrl?: string | undefined;
      startsAt?: Date | undefined;
      expiresAt?: Date | undefined;
    }) => db.auction.create({ data, include: withOwner }),

    updateAuction: (id: string, data: Record<string, unknown>) =>
      db.auction.update({ where: { id }, data, include: withOwner }),

    findAuction: (id: string) => db.auction.findUnique({ where: { id }, include: withOwner }),

    exists: async (id: string) => (await db.auction.count({ where: { id } })) > 0,

    categoryExists: async (id: string) => (await db.category.count({ where: { id } })) > 0,

    /** Moves the auction from one status to another unless someone else moved it first. */
    transition: async (id: string, from: string, to: string, data: Record<string, unknown> = {}) =>
      (await db.auction.updateMany({ where: { id, status: from }, data: { status: to, ...data } })).count === 1,

    listAuctions: (status: string | undefined, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.auction.findMany({
          where: status ? { status } : {},
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
          include: withOwner,
        }),
      ),

    openLotOf: (auctionId: string) => db.lot.findFirst({ where: { auctionId, status: 'open' } }),

    findLot: (id: string) => db.lot.findUnique({ where: { id } }),

    createLot: (data: {
      auctionId: string;
      product: string;
      description: string | null;
      weight: number | null;
      startingPrice: bigint;
      minIncrement: bigint;
      marketPrice: bigint | null;
      durationMs: number | null;
      softCloseMs: number | null;
      endsAt: Date | null;
      openedAt: Date;
    }) => db.lot.create({ data }),

    auctionFacts: (id: string) => db.auction.findUnique({ where: { id }, select: { ownerId: true, status: true } }),

    publicUsers: (ids: string[]) => db.user.findMany({ where: { id: { in: ids } }, ...publicUserSelect }),

    /** Writes the lot after a batch of accepted bids if it is still open and its bid count unchanged: true when written. */
    recordBids: async ({ id, readBidCount, ...data }: LotWrite) =>
      (await db.lot.updateMany({ where: { id, status: 'open', bidCount: readBidCount }, data })).count === 1,

    createBids: (data: NewBid[]) => db.bid.createMany({ data }),

    findBid: (id: string) => db.bid.findUnique({ where: { id } }),

    /** The largest `maxAmount` and the largest `amount` of a user's bids on a lot (their standing maximum is the larger). */
    /**
     * Each user's largest stated maximum and largest bid on a lot (null when none), for many users in one query:
     * a crowd joining the lot's auction at once reads theirs together.
     */
    ownMaximaOf: async (lotId: string, userIds: readonly string[]) => {
      // Cast: every provider's client has groupBy; `Db` leaves it out (see BidGroupBy below).
      const rows = await (db.bid as unknown as BidGroupBy).groupBy({ by: ['userId'], where: { lotId, userId: { in: [...userIds] } }, _max: { maxAmount: true, amount: true } });
      return new Map(rows.map((r) => [r.userId, { maxAmount: r._max.maxAmount, amount: r._max.amount }]));
    },

    /** Closes the lot unless it is already closed: true for the one caller that closes it. */
    closeLot: async (lotId: string, status: 'sold' | 'unsold', closedAt: Date) =>
      (await db.lot.updateMany({ where: { id: lotId, status: 'open' }, data: { status, closedAt } })).count === 1,

    createWinning: (data: { userId: string; auctionId: string; lotId: string; product: string; price: bigint; weight: number | null }) =>
      db.winning.create({ data }),

    createComment: (data: { auctionId: string; userId: string; text: string }) =>
      db.comment.create({ data, include: withUser }),

    recentBids: (lotId: string, take: number) =>
      // Accepted bids on a lot never decrease, so the largest amount is the newest; an automatic bid may equal
      // the bid that triggered it (tied maxima), and it came after it.
      db.bid.findMany({ where: { lotId }, orderBy: [{ amount: 'desc' }, { auto: 'desc' }], take, include: withUser }),

    recentComments: (auctionId: string, take: number) =>
      db.comment.findMany({ where: { auctionId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, include: withUser }),

    listLots: (auctionId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.lot.findMany({ where: { auctionId }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }], take, ...afterCursor(cursor) }),
      ),

    listBids: (lotId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.bid.findMany({
          where: { lotId },
          orderBy: [{ amount: 'desc' }, { auto: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
          include: withUser,
        }),
      ),

    /** Open timed lots whose end has passed (`at` or before). */
    dueLotIds: async (at: Date) =>
      (await db.lot.findMany({ where: { status: 'open', endsAt: { lte: at } }, select: { id: true } })).map((l) => l.id),

    /** Every open timed lot and its end. */
    timedOpenLots: async () =>
      (await db.lot.findMany({ where: { status: 'open', endsAt: { not: null } }, select: { id: true, endsAt: true } })).flatMap((l) =>
        l.endsAt ? [{ id: l.id, endsAt: l.endsAt }] : [],
      ),

    listWinnings: (userId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.winning.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, ...afterCursor(cursor) }),
      ),
  };
}
export type AuctionRepository = ReturnType<typeof createAuctionRepository>;

/**
 * `groupBy` as this repository calls it. Every provider's client has it, but `Db` leaves it out (its conditional
 * types cannot be related across the three generated clients, db/client.ts), so the one call spells its type.
 */
interface BidGroupBy {
  groupBy(args: {
    by: ['userId'];
    where: { lotId: string; userId: { in: string[] } };
    _max: { maxAmount: true; amount: true };
  }): Promise<{ userId: string; _max: { maxAmount: bigint | null; amount: bigint | null } }[]>;
}
