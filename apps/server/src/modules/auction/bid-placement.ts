// THE bid step, inside the caller's transaction: take the room's next seq (which serialises writers of the
// room), apply the bid rule with one conditional UPDATE of the lot, store the bid and its events (and the
// soft-close extension of a timed lot). Atomic on every provider and across nodes.
import type { Bid, Lot } from '@bidwire/contract';
import type { Tx } from '../../db/tx.js';
import { DomainError, invalidState } from '../../errors.js';
import { claimSeq, recordEvent, type Outgoing } from '../rooms/room-log.js';
import { auctionRoom } from '../rooms/room-names.js';
import * as rules from './auction.domain.js';
import { lotFacts, toBid, toLot } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';

export async function placeBidInTx(
  tx: Tx,
  out: Outgoing[],
  { auctionId, userId, amount: value, at }: { auctionId: string; userId: string; amount: number; at: Date },
): Promise<{ bid: Bid; lot: Lot }> {
  const r = createAuctionRepository(tx);
  const room = auctionRoom(auctionId);
  const seq = await claimSeq(tx, room);
  const open = await r.openLotOf(auctionId);
  const early = rules.bidRejection(open ? lotFacts(open) : null, value, at);
  if (early || !open) throw early ?? invalidState(rules.MESSAGES.noOpenLot);
  const amount = BigInt(value);
  const raised = await r.raiseHighestBid(open, amount, at);
  if (!raised) {
    // Someone moved the lot between our read and the write: explain with its current state.
    const current = await r.findLot(open.id);
    throw rules.bidRejection(current ? lotFacts(current) : null, value, at) ?? new DomainError('CONFLICT', 'The lot changed; try again.');
  }
  const bid = toBid(await r.createBid({ auctionId, lotId: open.id, userId, amount, createdAt: at }));
  out.push(await recordEvent(tx, room, seq, 'bidPlaced', { auctionId, lotId: open.id, bid, highestBid: value, bidCount: raised.bidCount }));
  const newEnd = rules.extendedEnd(raised.endsAt, raised.softCloseMs ?? 0, at);
  if (!newEnd) return { bid, lot: toLot(raised) };
  const extended = await r.setLotEnd(open.id, newEnd);
  out.push(
    await recordEvent(tx, room, await claimSeq(tx, room), 'lotExtended', { auctionId, lotId: open.id, endsAt: newEnd.toISOString() }),
  );
  return { bid, lot: toLot(extended) };
}
