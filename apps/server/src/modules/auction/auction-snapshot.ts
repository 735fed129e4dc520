// The persisted part of an auction room's snapshot, read in one consistent transaction so the state and
// the `seq` it reflects belong together (viewer count and broadcaster presence come from the registries).
// Read for several users at once: everything but each one's own standing maximum is the same for all.
import type { AuctionSnapshot } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { notFound } from '../../core/errors.js';
import { currentSeq } from '../rooms/room-log.js';
import { auctionRoom } from '../../core/rooms.js';
import { toAuction, toBid, toComment, toLot } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';
import { standingMaxima } from './bid-maximum.js';

const RECENT = 50;

export type AuctionState = Pick<AuctionSnapshot, 'auction' | 'lot' | 'recentBids' | 'recentComments' | 'seq' | 'myMaxBid'>;

/** The state as each of `userIds` sees it (their own standing maximum as `myMaxBid`), in their order. */
export async function readAuctionStates(db: Db, auctionId: string, userIds: readonly string[]): Promise<AuctionState[]> {
  const state = await inTransaction(db, async (tx) => {
    const r = createAuctionRepository(tx);
    const seq = await currentSeq(tx, auctionRoom(auctionId));
    const auction = await r.findAuction(auctionId);
    const lot = await r.openLotOf(auctionId);
    const bids = lot ? await r.recentBids(lot.id, RECENT) : [];
    const comments = await r.recentComments(auctionId, RECENT);
    const maxima = lot ? await standingMaxima(r, lot, userIds) : new Map<string, number | null>();
    return { seq, auction, lot, bids, comments, maxima };
  }, { consistentRead: true });
  if (!state.auction) throw notFound('Auction');
  const shared = {
    auction: toAuction(state.auction),
    lot: state.lot ? toLot(state.lot) : null,
    recentBids: state.bids.map(toBid),
    recentComments: state.comments.map(toComment),
    seq: state.seq,
  };
  return userIds.map((id) => ({ ...shared, myMaxBid: state.maxima.get(id) ?? null }));
}
