// REST routes of SPEC §3: auctions, their lots and bids, and the caller's winnings.
import { restRoutes } from '@bidwire/contract';
import { DomainError, notFound } from '../../errors.js';
import type { RouteBinder } from '../../http/bind-route.js';
import type { Db } from '../../db/client.js';
import * as rules from './auction.domain.js';
import { toAuction, toBid, toLot, toWinning } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';

const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

export function registerAuctionRoutes(bind: RouteBinder, db: Db) {
  const repo = createAuctionRepository(db);

  const assertCategory = async (categoryId: string | undefined) => {
    if (categoryId && !(await repo.categoryExists(categoryId))) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown category.', {
        issues: [{ path: 'categoryId', message: 'No category has this id.', code: 'custom' }],
      });
    }
  };
  const loadAuction = async (id: string) => {
    const auction = await repo.findAuction(id);
    if (!auction) throw notFound('Auction');
    return auction;
  };

  bind(restRoutes.createAuction, async ({ body, user }) => {
    await assertCategory(body.categoryId);
    const row = await repo.createAuction({
      ownerId: user.id,
      title: body.title,
      description: body.description,
      categoryId: body.categoryId,
      imageUrl: body.imageUrl,
      startsAt: date(body.startsAt),
      expiresAt: date(body.expiresAt),
    });
    return toAuction(row);
  });

  bind(restRoutes.updateAuction, async ({ params, body, user }) => {
    const auction = await loadAuction(params.id);
    rules.assertOwner(auction, user.id);
    rules.assertCanEdit(auction);
    await assertCategory(body.categoryId);
    const data = Object.fromEntries(
      Object.entries({ ...body, startsAt: date(body.startsAt), expiresAt: date(body.expiresAt) }).filter(([, v]) => v !== undefined),
    );
    return toAuction(await repo.updateAuction(params.id, data));
  });

  bind(restRoutes.listAuctions, async ({ query }) => {
    const page = await repo.listAuctions(query.status, query.cursor, query.limit);
    return { items: page.items.map(toAuction), nextCursor: page.nextCursor };
  });

  bind(restRoutes.getAuction, async ({ params }) => toAuction(await loadAuction(params.id)));

  bind(restRoutes.listLots, async ({ params, query }) => {
    await loadAuction(params.id);
    const page = await repo.listLots(params.id, query.cursor, query.limit);
    return { items: page.items.map(toLot), nextCursor: page.nextCursor };
  });

  bind(restRoutes.listBids, async ({ params, query }) => {
    const lot = await repo.findLot(params.lotId);
    if (!lot || lot.auctionId !== params.id) throw notFound('Lot');
    const page = await repo.listBids(params.lotId, query.cursor, query.limit);
    return { items: page.items.map(toBid), nextCursor: page.nextCursor };
  });

  bind(restRoutes.myWinnings, async ({ query, user }) => {
    const page = await repo.listWinnings(user.id, query.cursor, query.limit);
    return { items: page.items.map(toWinning), nextCursor: page.nextCursor };
  });
}
