// Prisma queries of the live-auction domain. Takes the database or a transaction client.
import type { DbOrTx } from '../../db/tx.js';
import { publicUserSelect } from './auction.mappers.js';

const withOwner = { owner: publicUserSelect } as const;
const withUser = { user: publicUserSelect } as const;

/** Cursor pagination: fetch one extra row to know whether there is a next page. */
async function paged<T extends { id: string }>(limit: number, fetch: (take: number) => Promise<T[]>) {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
const cursorArgs = (cursor: string | undefined): { cursor?: { id: string }; skip?: number } =>
  cursor ? { cursor: { id: cursor }, skip: 1 } : {};

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
          ...cursorArgs(cursor),
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

    /**
     * Writes the lot's state after a batch of accepted bids, only if the lot is still open and no other bid
     * was counted since it was read (`bidCount`): true when written.
     */
    recordBids: async (
      lot: { id: string; bidCount: number; minIncrement: bigint },
      after: { highestBid: bigint; bidCount: number; endsAt: Date | null },
    ) =>
      (
        await db.lot.updateMany({
          where: { id: lot.id, status: 'open', bidCount: lot.bidCount },
          data: { ...after, nextMinBid: after.highestBid + lot.minIncrement },
        })
      ).count === 1,

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
        db.lot.findMany({ where: { auctionId }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }], take, ...cursorArgs(cursor) }),
      ),

    listBids: (lotId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.bid.findMany({
          where: { lotId },
          orderBy: [{ amount: 'desc' }, { id: 'desc' }],
          take,
          ...cursorArgs(cursor),
          include: withUser,
        }),
      ),

    listWinnings: (userId: string, cursor: string | undefined, limit: number) =>
      paged(limit, (take) =>
        db.winning.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, ...cursorArgs(cursor) }),
      ),

  };
}
export type AuctionRepository = ReturnType<typeof createAuctionRepository>;
