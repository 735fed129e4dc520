// THE bid step through Prisma (PostgreSQL, MySQL/MariaDB), for a batch of bids on one auction in one
// transaction: lock the room's seq row (which serialises every writer of the room on every node), read the
// auction, its open lot, the stored results and the bidders under that lock, decide (bid-batch.ts), then write
// the accepted bids, their events, the lot, the room's seq and the stored results with one statement each.
// The lot write is also guarded by the bid count read under the lock: even a writer that skipped the lock
// could not make two bids win against one highest bid.
import type { Tx } from '../../db/tx.js';
import { DomainError, notFound } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { saveResults, storedResults } from '../idempotency/idempotency.js';
import { advanceSeq, lockSeq, recordEvents, type Outgoing } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import { decideBids, requestKeyOf, type BidRequest, type BidResult } from './bid-batch.js';
import { createAuctionRepository } from './auction.repository.js';

export async function placeBidsInTx(
  tx: Tx,
  out: Outgoing[],
  auctionId: string,
  requests: BidRequest[],
  at: Date,
): Promise<Settled<BidResult>[]> {
  const r = createAuctionRepository(tx);
  const room = auctionRoom(auctionId);
  const lastSeq = await lockSeq(tx, room);
  const auction = await r.auctionFacts(auctionId);
  if (!auction) throw notFound('Auction'); // rolls back, so no seq row is left for an unknown auction
  const stored = await storedResults(tx, requests.map(requestKeyOf).filter((k) => k !== null));
  const open = await r.openLotOf(auctionId);
  const users = new Map((await r.publicUsers([...new Set(requests.map((q) => q.userId))])).map((u) => [u.id, u]));

  const { outcomes, writes } = decideBids({ auctionId, lastSeq, auction, open, stored, users }, requests, at, newId);
  if (writes) {
    if (!(await r.recordBids(writes.lot))) throw new DomainError('CONFLICT', 'The lot changed; try again.');
    await r.createBids(writes.bids);
    out.push(...(await recordEvents(tx, writes.events)));
    await advanceSeq(tx, room, writes.lastSeq);
    await saveResults(tx, writes.saves);
  }
  return outcomes;
}
