// What the viewer workers received once the bids stopped: waits until every accepted bid reached every viewer
// expected (or 15 s, after which the rest count as lost), then merges the workers' receipts by bid amount.
import type { WorkerHandle } from './children.js';
import type { ViewersResult } from './protocol.js';
import { summarizeHistogram, type Summary } from './stats.js';
import { nowMs, sleep } from './util.js';

export interface Receipt {
  /** Viewers that received the bid. */
  count: number;
  /** The latest receipt time (ms). */
  last: number;
}

/**
 * `emits` ([amount, emit time] of the measured bids) make the workers answer every receipt's latency: `delivery`,
 * summarised over all of them (each viewer's receipt of each measured bid, not only the last viewer's).
 */
export async function collectReceipts(
  workers: WorkerHandle<ViewersResult>[],
  expected: number,
  emits?: [number, number][],
): Promise<{ views: ViewersResult[]; receipts: Map<number, Receipt>; delivery: Summary }> {
  const deadline = nowMs() + 15_000;
  for (;;) {
    const received = (await Promise.all(workers.map((w) => w.count()))).reduce((a, b) => a + b, 0);
    if (received >= expected || nowMs() > deadline) break;
    await sleep(100);
  }
  const views = await Promise.all(workers.map((w) => w.stop(emits)));
  const receipts = new Map<number, Receipt>();
  for (const v of views) {
    for (const [amount, count, last] of v.amounts) {
      const r = receipts.get(amount);
      if (r) {
        r.count += count;
        r.last = Math.max(r.last, last);
      } else receipts.set(amount, { count, last });
    }
  }
  const histogram = new Map<number, number>();
  for (const v of views) for (const [tenths, count] of v.delivery ?? []) histogram.set(tenths, (histogram.get(tenths) ?? 0) + count);
  return { views, receipts, delivery: summarizeHistogram([...histogram].map(([tenths, count]) => [tenths / 10, count])) };
}
