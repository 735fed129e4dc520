// The persisted part of an auction room's snapshot, read in one consistent transaction so the state and
// the `seq` it reflects belong together (viewer count and broadcaster presence come from the registries).
// Read for several users at once: everything but each one's own standing maximum is the same for all.
// On SQLite the rows are read by direct SQL (sqlite-snapshot-read.ts), elsewhere through Prisma (below).
import type { AuctionSnapshot } from '@bidwire/contract';
import { sqliteExclusive, type Db } from '../../db/client.js';
import { readRemembering } from '../../db/sqlite-remembered-reads.js';
import { inTransaction } from '../../db/tx.js';
import { notFound } from '../../core/errors.js';
import { currentSeq } from '../rooms/room-log.js';
import { auctionRoom } from '../../core/rooms.js';
import { toAuction, toBid, toComment, toLot, type AuctionRow, type BidRow, type CommentRow } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';
import type { OpenLot } from './bid-columns.js';
import { standingMaxima } from './bid-maximum.js';
import { readSnapshotRowsSqlite } from './sqlite-snapshot-read.js';

/** Recent bids and comments in a snapshot. */
export const RECENT = 50;

export type AuctionState = Pick<AuctionSnapshot, 'auction' | 'lot' | 'recentBids' | 'recentComments' | 'seq' | 'myMaxBid'>;

/** What one consistent read answers: the rows, and each asked user's standing maximum on the open lot. */
export interface SnapshotRows {
  seq: number;
  auction: AuctionRow | null;
  lot: Pick<OpenLot, keyof OpenLot> | null;
  bids: BidRow[];
  comments: CommentRow[];
  maxima: Map<string, number | null>;
}

/** The state as each of `userIds` sees it (their own standing maximum as `myMaxBid`), in their order. */
export async function readAuctionStates(db: Db, auctionId: string, userIds: readonly string[]): Promise<AuctionState[]> {
  const sqlite = sqliteExclusive(db);
  if (!sqlite) return statesFrom(await readSnapshotRows(db, auctionId, userIds), userIds);
  const read = await readRemembering(sqlite, (client) => readSnapshotRowsSqlite(client, auctionId, userIds, RECENT));
  return statesFrom(read.rows, userIds);
}

/** The rows through Prisma, in a REPEATABLE READ transaction (every provider; SQLite uses the direct read). */
export function readSnapshotRows(db: Db, auctionId: string, userIds: readonly string[]): Promise<SnapshotRows> {
  return inTransaction(db, async (tx) => {
    const r = createAuctionRepository(tx);
    const seq = await currentSeq(tx, auctionRoom(auctionId));
    const auction = await r.findAuction(auctionId);
    const lot = await r.openLotOf(auctionId);
    const bids = lot ? await r.recentBids(lot.id, RECENT) : [];
    const comments = await r.recentComments(auctionId, RECENT);
    const maxima = lot ? await standingMaxima(r, lot, userIds) : new Map<string, number | null>();
    return { seq, auction, lot, bids, comments, maxima };
  }, { consistentRead: true });
}

/** The public state for each user, from the rows of one read. */
export function statesFrom(rows: SnapshotRows, userIds: readonly string[]): AuctionState[] {
  if (!rows.auction) throw notFound('Auction');
  const shared = {
    auction: toAuction(rows.auction),
    lot: rows.lot ? toLot(rows.lot) : null,
    recentBids: rows.bids.map(toBid),
    recentComments: rows.comments.map(toComment),
    seq: rows.seq,
  };
  return userIds.map((id) => ({ ...shared, myMaxBid: rows.maxima.get(id) ?? null }));
}
