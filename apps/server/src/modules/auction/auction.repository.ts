// Prisma queries of the live-auction domain. Takes the database or a transaction client.
import type { DbOrTx } from '../../db/tx.js';
import { afterCursor, paged } from '../../lib/paged.js';
import { publicUserSelect } from './auction.mappers.js';
import type { LotWrite } from './bid-batch.js';

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
      nextMinBid: bigint;
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

    createBids: (data: { id: string; auctionId: string; lotId: string; userId: string; amount: bigint; createdAt: Date }[]) =>
      db.bid.createMany({ data }),

    /** Closes the lot unless it is already closed: true for the one caller that closes it. */
    closeLot: async (lotId: string, status: 'sold' | 'unsold', closedAt: Date) =>
      (await db.lot.updateMany({ where: { id: lotId, status: 'open' }, data: { status, closedAt } })).count === 1,

    createWinning: (data: { userId: string; auctionId: string; lotId: string; product: string; price: bigint; weight: number | null }) =>
      db.winning.create({ data }),

    createComment: (data: { auctionId: string; userId: string; text: string }) =>
      db.comment.create({ data, include: withUser }),

    recentBids: (lotId: string, take: number) =>
      // Accepted bids on a lot strictly increase, so the largest amount is the newest.
      db.bid.findMany({ where: { lotId }, orderBy: { amount: 'desc' }, take, include: withUser }),

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
          orderBy: [{ amount: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
          include: withUser,
        }),
      ),

    listWinnings: (userId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.winning.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, ...afterCursor(cursor) }),
      ),

  };
}
export type AuctionRepository = ReturnType<typeof createAuctionRepository>;
