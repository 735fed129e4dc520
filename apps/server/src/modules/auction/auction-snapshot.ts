// The persisted part of an auction room's snapshot, read in one consistent transaction so the state and
// the `seq` it reflects belong together (viewer count and broadcaster presence come from the registries).
import type { AuctionSnapshot } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { notFound } from '../../errors.js';
import { currentSeq } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import { toAuction, toBid, toComment, toLot } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';

const RECENT = 50;

export async function readAuctionState(
  db: Db,
  auctionId: string,
): Promise<Pick<AuctionSnapshot, 'auction' | 'lot' | 'recentBids' | 'recentComments' | 'seq'>> {
  const state = await inTransaction(db, async (tx) => {
    const r = createAuctionRepository(tx);
    const seq = await currentSeq(tx, auctionRoom(auctionId));
    const auction = await r.findAuction(auctionId);
    const lot = await r.openLotOf(auctionId);
    const bids = lot ? await r.recentBids(lot.id, RECENT) : [];
    const comments = await r.recentComments(auctionId, RECENT);
    return { seq, auction, lot, bids, comments };
  }, { consistentRead: true });
  if (!state.auction) throw notFound('Auction');
  return {
    auction: toAuction(state.auction),
    lot: state.lot ? toLot(state.lot) : null,
    recentBids: state.bids.map(toBid),
    recentComments: state.comments.map(toComment),
    seq: state.seq,
  };
}
