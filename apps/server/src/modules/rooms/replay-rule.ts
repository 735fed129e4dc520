// Pure rules of `resync`: can the events after `afterSeq` be replayed from what the log still holds (or must
// the client get a snapshot), and which of the rows read go into one bounded page.

export type ReplayDecision = 'events' | 'snapshot';

export interface PageLimits {
  /** Rows read for one page, at most. */
  maxEvents: number;
  /** The page's events take at most this many bytes of JSON (one event always goes, however large). */
  maxBytes: number;
  /** Above this many missed events a snapshot is cheaper for both sides than a replay. */
  maxGap: number;
}

/**
 * `pageSeqs` are the seqs the log returned after `afterSeq`, ascending, at most `maxEvents` of them.
 * Replay only when they start right after `afterSeq`, have no hole, and either fill the page or reach the
 * room's current seq (a short page that stops before it means the log lost events).
 */
export function replayDecision(afterSeq: number, currentSeq: number, pageSeqs: readonly number[], limits: PageLimits): ReplayDecision {
  // A client ahead of the room (another database, a reset) cannot be served events: resnapshot it.
  if (afterSeq > currentSeq) return 'snapshot';
  if (afterSeq === currentSeq) return 'events';
  if (currentSeq - afterSeq > limits.maxGap) return 'snapshot';
  if (!pageSeqs.every((seq, i) => seq === afterSeq + 1 + i)) return 'snapshot';
  const reachesCurrent = pageSeqs.at(-1) === currentSeq;
  return reachesCurrent || pageSeqs.length >= limits.maxEvents ? 'events' : 'snapshot';
}

/** JSON around one replayed event beyond its name and payload: `{"event":"","payload":,"replayed":true},`. */
export const EVENT_JSON_OVERHEAD = 40;

/** How many of the rows (sizes in bytes of their name + payload) fit in one page: at least one. */
export function pageLength(sizes: readonly number[], maxBytes: number): number {
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    total += sizes[i]! + EVENT_JSON_OVERHEAD;
    if (total > maxBytes) return Math.max(1, i);
  }
  return sizes.length;
}
