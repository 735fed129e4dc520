// A bidder's standing maximum on a lot, for their own eyes only (`myMaxBid` in their joinAuction snapshot): the
// largest `maxAmount` (or `amount`) of their bids on it, or the leader's maximum, which they may have raised
// without a bid (SPEC §3). Read for many bidders at once (the snapshots of a crowd joining together).
import type { AuctionRepository } from './auction.repository.js';

/** Users per query (well under every database's limit on bound parameters). */
const CHUNK = 500;

/** Each of `userIds`' standing maximum on `lot` (null when they have none). */
export async function standingMaxima(
  r: Pick<AuctionRepository, 'findBid' | 'ownMaximaOf'>,
  lot: { id: string; leadingBidId: string | null; leaderMax: bigint | null },
  userIds: readonly string[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const leader = lot.leadingBidId && lot.leaderMax !== null ? (await r.findBid(lot.leadingBidId))?.userId : undefined;
  if (leader !== undefined && userIds.includes(leader)) out.set(leader, Number(lot.leaderMax));
  const others = [...new Set(userIds)].filter((id) => id !== leader);
  for (let i = 0; i < others.length; i += CHUNK) {
    const chunk = others.slice(i, i + CHUNK);
    const maxima = await r.ownMaximaOf(lot.id, chunk);
    for (const id of chunk) {
      const { maxAmount = null, amount = null } = maxima.get(id) ?? {};
      const best = maxAmount !== null && (amount === null || maxAmount > amount) ? maxAmount : amount;
      out.set(id, best === null ? null : Number(best));
    }
  }
  return out;
}
