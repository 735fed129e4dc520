// A reference model of SPEC §3's bid rule with maximum (proxy) bids, written for the tests from the SPEC text and
// independent of the server's code: it keeps every bidder's standing maximum with the moment it was set and
// recomputes the leader and the price from all of them at every step (the server keeps only what it needs).

export interface ModelBid {
  userId: string;
  amount: number;
  auto: boolean;
  /** The lot's highest bid and bid count right after this bid (what its `bidPlaced` carries). */
  highestBid: number;
  bidCount: number;
}

export type ModelOutcome =
  | { ok: false; code: 'BID_TOO_LOW' | 'VALIDATION_FAILED'; minimumBid?: number }
  | {
      ok: true;
      /** The bids this attempt recorded, in order (empty when the leader only raised their maximum). */
      bids: ModelBid[];
      /** Users sent `outbid`, in any order. */
      outbid: string[];
      myMaxBid: number;
    };

export class ProxyModel {
  private readonly maxima = new Map<string, { max: number; setAt: number }>();
  private clock = 0;
  highestBid: number | null = null;
  bidCount = 0;
  leader: string | null = null;
  readonly bids: ModelBid[] = [];

  constructor(
    readonly startingPrice: number,
    readonly minIncrement: number,
  ) {}

  /** The least amount a manual bid may have now. */
  get minimumBid(): number {
    return this.highestBid === null ? this.startingPrice : this.highestBid + this.minIncrement;
  }

  maxOf(userId: string): number | null {
    return this.maxima.get(userId)?.max ?? null;
  }

  place(userId: string, amount: number, maxAmount?: number): ModelOutcome {
    if (maxAmount !== undefined && maxAmount < amount) return { ok: false, code: 'VALIDATION_FAILED' };
    if (maxAmount !== undefined && userId === this.leader && amount === this.highestBid) {
      this.raise(userId, maxAmount);
      return { ok: true, bids: [], outbid: [], myMaxBid: this.maxOf(userId)! };
    }
    if (amount < this.minimumBid) return { ok: false, code: 'BID_TOO_LOW', minimumBid: this.minimumBid };

    const before = this.leader;
    this.raise(userId, Math.max(maxAmount ?? amount, amount));
    // The leader: the highest standing maximum, set first on a tie.
    const ranked = [...this.maxima].sort(([, a], [, b]) => b.max - a.max || a.setAt - b.setAt);
    const [leader, top] = ranked[0]!;
    const bestOther = ranked.length > 1 ? ranked[1]![1].max : null;
    const price = bestOther === null ? amount : Math.max(amount, Math.min(top.max, bestOther + this.minIncrement));

    const recorded = [this.record(userId, amount, false)];
    if (leader !== userId || price > amount) recorded.push(this.record(leader, price, true));
    this.leader = leader;
    const outbid = [...new Set([before, userId])].filter((u): u is string => u !== null && u !== leader);
    return { ok: true, bids: recorded, outbid, myMaxBid: this.maxOf(userId)! };
  }

  /** A standing maximum only grows; it counts as set when it last grew. */
  private raise(userId: string, max: number) {
    const current = this.maxima.get(userId);
    if (!current || max > current.max) this.maxima.set(userId, { max, setAt: this.clock++ });
  }

  private record(userId: string, amount: number, auto: boolean): ModelBid {
    if (this.highestBid !== null && amount < this.highestBid) throw new Error('model: the highest bid went down');
    this.highestBid = amount;
    this.bidCount++;
    const bid = { userId, amount, auto, highestBid: amount, bidCount: this.bidCount };
    this.bids.push(bid);
    return bid;
  }
}

/**
 * A generated attempt, relative to the lot as it stands when it is sent (so a random sequence keeps bidding):
 * `bid` offers the current minimum + `offset` (negative: too low) with an optional maximum `maxOver` above it
 * (negative: below the amount, a validation error); `raise` re-offers the current highest with a maximum.
 */
export type Attempt =
  | { kind: 'bid'; bidder: number; offset: number; maxOver: number | null }
  | { kind: 'raise'; bidder: number; maxOver: number };

/** The concrete placeBid of an attempt against the model's current state. */
export function concrete(a: Attempt, model: ProxyModel): { bidder: number; amount: number; maxAmount?: number } {
  if (a.kind === 'raise') {
    const amount = model.highestBid ?? model.startingPrice;
    return { bidder: a.bidder, amount, maxAmount: amount + a.maxOver };
  }
  const amount = Math.max(1, model.minimumBid + a.offset);
  return a.maxOver === null ? { bidder: a.bidder, amount } : { bidder: a.bidder, amount, maxAmount: Math.max(1, amount + a.maxOver) };
}
