// Bids of one auction are decided in arrival order, in batches: the bids that queued while a batch was being
// committed go together into the next transaction (group commit), so a hot lot is bounded by the cost of a
// batch, not by one commit per bid. Each bid still gets its own answer, only after its batch committed.
import type { Lot } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../core/errors.js';
import { createKeyedBatcher, type Settled } from '../../lib/keyed-batcher.js';
import type { RepliesFirstEmitter } from '../../core/events.js';
import { storedResult } from '../idempotency/idempotency.repository.js';
import { requestKeyOf, type BidRequest, type BidResult } from './bid-batch.js';
import { createBidStore } from './bid-store.js';

/** The most bids one transaction takes: bounds how long a batch holds the room's lock. */
const MAX_BID_BATCH = 100;

export interface BidQueueDeps {
  db: Db;
  emitter: RepliesFirstEmitter;
  now: () => Date;
  /** Called with the lot after each committed batch that accepted a bid. */
  placed: (lot: Lot) => void;
}

export function createBidQueue(d: BidQueueDeps) {
  const store = createBidStore(d.db);
  const queue = createKeyedBatcher<BidRequest, BidResult>(placeBatch, MAX_BID_BATCH);

  async function placeBatch(auctionId: string, requests: BidRequest[]): Promise<Settled<BidResult>[]> {
    try {
      return await commitBatch(auctionId, requests);
    } catch (error) {
      // A rule of the whole batch (unknown auction, a lot changed without the lock) fails every bid of it.
      if (error instanceof DomainError) return requests.map(() => ({ ok: false, error }));
      // One bid broke the transaction (e.g. a twin with its requestId committed meanwhile): each on its own.
      if (requests.length === 1) return [await settleAlone(requests[0]!, error)];
      const outcomes: Settled<BidResult>[] = [];
      for (const q of requests) {
        outcomes.push(await commitBatch(auctionId, [q]).then(([only]) => only!, (alone: unknown) => settleAlone(q, alone)));
      }
      return outcomes;
    }
  }

  /** One batch, one transaction; its events go out once it has committed. */
  async function commitBatch(auctionId: string, requests: BidRequest[]): Promise<Settled<BidResult>[]> {
    const { outcomes, out } = await store(auctionId, requests, d.now());
    // Its bidders' acks go first, then the room's events (realtime/replies-first.ts).
    d.emitter.sendAfterReplies(out);
    const accepted = outcomes.filter((o) => o.ok);
    const last = accepted[accepted.length - 1];
    if (last) d.placed(last.value.lot);
    return outcomes;
  }

  /** A bid whose own transaction failed: a twin with its requestId may have committed the first result. */
  async function settleAlone(q: BidRequest, error: unknown): Promise<Settled<BidResult>> {
    const key = requestKeyOf(q);
    const prior = key && (await storedResult(d.db, key));
    return prior ? { ok: true, value: prior as BidResult } : { ok: false, error };
  }

  return {
    /** Queues a bid behind the ones already queued for its auction; settles with its own outcome. */
    place: (auctionId: string, request: BidRequest): Promise<BidResult> => queue.submit(auctionId, request),
  };
}
