// Pure rule of `resync`: can the events after `afterSeq` be replayed from what the log still holds,
// or must the client get a snapshot instead?

export type ReplayDecision = 'events' | 'snapshot';

/**
 * `keptSeqs` are the seqs the log returned after `afterSeq`, ascending, at most `max + 1` of them.
 * Replay only when they start right after `afterSeq`, have no hole, and reach the room's current seq.
 */
export function replayDecision(afterSeq: number, currentSeq: number, keptSeqs: readonly number[], max: number): ReplayDecision {
  // A client ahead of the room (another database, a reset) cannot be served events: resnapshot it.
  if (afterSeq > currentSeq) return 'snapshot';
  if (afterSeq === currentSeq) return 'events';
  if (keptSeqs.length > max) return 'snapshot';
  if (keptSeqs.length !== currentSeq - afterSeq) return 'snapshot';
  return keptSeqs.every((seq, i) => seq === afterSeq + 1 + i) ? 'events' : 'snapshot';
}
