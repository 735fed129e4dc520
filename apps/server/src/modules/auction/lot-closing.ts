// Closing the open lot of an auction inside a transaction: the highest bid wins (a Winning is recorded)
// when selling, otherwise it goes unsold; the close is conditional, so only one closer wins.
import type { AwardResult } from '@bidwire/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/tx.js';
import { invalidState } from '../../core/errors.js';
import { toPublicUser } from '../../core/user.js';
import { recordEvent } from '../rooms/room-log.js';
import { type Outgoing } from '../../core/events.js';
import { auctionRoom } from '../../core/rooms.js';
import { MESSAGES } from './auction.domain.js';
import { toBid, toLot, toWinning } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';

/** Answers null when no lot is open; `seq` is the room seq the `lotClosed` event takes. */
export async function closeOpenLot(
  tx: Tx,
  out: Outgoing[],
  auctionId: string,
  { sell, seq, closedAt }: { sell: boolean; seq: number; closedAt: Date },
): Promise<z.output<typeof AwardResult> | null> {
  const r = createAuctionRepository(tx);
  const lot = await r.openLotOf(auctionId);
  if (!lot) return null;
  const top = sell && lot.bidCount > 0 ? (await r.recentBids(lot.id, 1))[0] ?? null : null;
  if (!(await r.closeLot(lot.id, top ? 'sold' : 'unsold', closedAt))) throw invalidState(MESSAGES.noOpenLot);
  const closed = { ...lot, status: top ? 'sold' : 'unsold', closedAt };
  const winning = top
    ? await r.createWinning({ userId: top.user.id, auctionId, lotId: lot.id, product: lot.product, price: top.amount, weight: lot.weight })
    : null;
  const result = {
    lot: toLot(closed),
    winningBid: top ? toBid(top) : null,
    winner: top ? toPublicUser(top.user) : null,
    winning: winning ? toWinning(winning) : null,
  };
  out.push(
    await recordEvent(tx, auctionRoom(auctionId), seq, 'lotClosed', {
      auctionId,
      lot: result.lot,
      winningBid: result.winningBid,
      winner: result.winner,
    }),
  );
  return result;
}
