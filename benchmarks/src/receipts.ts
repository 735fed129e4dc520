// What the viewer workers received once the bids stopped: waits until every accepted bid reached every viewer
// expected (or 15 s, after which the rest count as lost), then merges the workers' receipts by bid amount.
import type { WorkerHandle } from './children.js';
import type { ViewersResult } from './protocol.js';
import { nowMs, sleep } from './util.js';

export interface Receipt {
  /** Viewers that received the bid. */
  count: number;
  /** The latest receipt time (ms). */
  last: number;
}

export async function collectReceipts(
  workers: WorkerHandle<ViewersResult>[],
  expected: number,
): Promise<{ views: ViewersResult[]; receipts: Map<number, Receipt> }> {
  const deadline = nowMs() + 15_000;
  for (;;) {
    const received = (await Promise.all(workers.map((w) => w.count()))).reduce((a, b) => a + b, 0);
    if (received >= expected || nowMs() > deadline) break;
    await sleep(100);
  }
  const views = await Promise.all(workers.map((w) => w.stop()));
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
  return { views, receipts };
}
