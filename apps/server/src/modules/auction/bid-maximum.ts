// A bidder's standing maximum on a lot, for their own eyes only (`myMaxBid` in their joinAuction snapshot): the
// largest `maxAmount` (or `amount`) of their bids on it, or the leader's maximum, which they may have raised
// without a bid (SPEC §3). Read for many bidders at once (the snapshots of a crowd joining together).
import type { AuctionRepository } from './auction.repository.js';

/** Users per query (well under every database's limit on bound parameters). */
const CHUNK = 500;

/** A user's largest stated maximum and largest bid on a lot (null when none). */
export interface OwnMaxima {
  maxAmount: bigint | null;
  amount: bigint | null;
}

/** The lot's facts the rule needs: the leader's standing maximum, and who leads (the leading bid's bidder). */
export interface LotLeader {
  leaderMax: bigint | null;
  leaderId: string | undefined;
}

/**
 * The rule, pure: the leader's standing maximum is the lot's `leaderMax` (they may have raised it without a
 * bid); anyone else's is the larger of their largest stated maximum and their largest bid. `own` holds the
 * users that have bids on the lot.
 */
export function maximaFrom(lot: LotLeader, userIds: readonly string[], own: ReadonlyMap<string, OwnMaxima>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const leader = lot.leaderMax !== null ? lot.leaderId : undefined;
  for (const id of new Set(userIds)) {
    if (id === leader) {
      out.set(id, Number(lot.leaderMax));
      continue;
    }
    const { maxAmount = null, amount = null } = own.get(id) ?? {};
    const best = maxAmount !== null && (amount === null || maxAmount > amount) ? maxAmount : amount;
    out.set(id, best === null ? null : Number(best));
  }
  return out;
}

/** Each of `userIds`' standing maximum on `lot` (null when they have none), read through the repository. */
export async function standingMaxima(
  r: Pick<AuctionRepository, 'findBid' | 'ownMaximaOf'>,
  lot: { id: string; leadingBidId: string | null; leaderMax: bigint | null },
  userIds: readonly string[],
): Promise<Map<string, number | null>> {
  const leaderId = lot.leadingBidId && lot.leaderMax !== null ? (await r.findBid(lot.leadingBidId))?.userId : undefined;
  const others = [...new Set(userIds)].filter((id) => id !== leaderId);
  const own = new Map<string, OwnMaxima>();
  for (let i = 0; i < others.length; i += CHUNK) {
    for (const [id, m] of await r.ownMaximaOf(lot.id, others.slice(i, i + CHUNK))) own.set(id, m);
  }
  return maximaFrom({ leaderMax: lot.leaderMax, leaderId }, userIds, own);
}
