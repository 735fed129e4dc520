// THE bid step through Prisma (MySQL/MariaDB, and any provider with BIDWIRE_BID_WRITER=prisma), for a batch
// of bids on one auction in one transaction: lock the room's seq row (which serialises every writer of the room on every node), read the
// auction, its open lot and leading bid, the stored results and the bidders under that lock, decide (bid-batch.ts),
// then write the accepted bids, their events, the lot, the room's seq and the stored results with one statement
// each, and the `outbid` events after locking their user rooms in name order (every writer locks rooms in order).
// The lot write is also guarded by the bid count read under the lock: even a writer that skipped the lock
// could not make two bids win against one highest bid.
import type { Tx } from '../../db/tx.js';
import { notFound } from '../../core/errors.js';
import { newId } from '../../lib/ids.js';
import type { Settled } from '../../lib/keyed-batcher.js';
import { saveResults, storedResults } from '../idempotency/idempotency.repository.js';
import type { Outgoing } from '../../core/events.js';
import { advanceSeq, lockSeq, recordEvents } from '../rooms/room-log.js';
import { auctionRoom, userRoom } from '../../core/rooms.js';
import { decideBids, lotChanged, outbidEvents, requestKeyOf, type BidRequest, type BidResult } from './bid-batch.js';
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
  const leading = open?.leadingBidId ? await r.findBid(open.leadingBidId) : null;
  const userIds = new Set([...requests.map((q) => q.userId), ...(leading ? [leading.userId] : [])]);
  const users = new Map((await r.publicUsers([...userIds])).map((u) => [u.id, u]));

  const { outcomes, writes } = decideBids({ auctionId, lastSeq, auction, open, leading, stored, users }, requests, at, newId);
  if (writes) {
    if (!(await r.recordBids(writes.lot))) throw lotChanged();
    if (writes.bids.length > 0) await r.createBids(writes.bids);
    const userSeqs = new Map<string, number>();
    for (const userRoomName of [...new Set(writes.outbid.map((n) => userRoom(n.userId)))].sort()) {
      userSeqs.set(userRoomName, await lockSeq(tx, userRoomName));
    }
    const outbid = outbidEvents(writes.outbid, (name) => userSeqs.get(name) ?? 0, at);
    out.push(...(await recordEvents(tx, [...writes.events, ...outbid.events])));
    await advanceSeq(tx, room, writes.lastSeq);
    for (const [name, seq] of outbid.lastSeqs) await advanceSeq(tx, name, seq);
    await saveResults(tx, writes.saves);
  }
  return outcomes;
}
