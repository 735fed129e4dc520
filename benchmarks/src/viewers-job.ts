// The viewers job: connect and join a crowd, then log every `bidPlaced` received (receipt-log.ts) and the sizes
// asked for, until stop; its result carries the receipts per amount and, when stop gave the emit times, every
// receipt's delivery latency.
import { intField } from './bench-socket.js';
import type { ViewersJob, ViewersResult } from './protocol.js';
import { createReceiptLog } from './receipt-log.js';
import { nowMs } from './util.js';
import { CONNECT_CONCURRENCY, connectAll, type Control, joiner, loopDelay, loopLagP99Ms, send } from './worker-shared.js';

export async function runViewers(job: ViewersJob, control: Control): Promise<ViewersResult> {
  const sizes: ViewersResult['sizes'] = {};
  const wanted = new Set(job.sizeAt ?? []);
  const conn = await connectAll(job.url, job.tokens, CONNECT_CONCURRENCY, joiner(job.auctionId, job.auctionIds));
  const perViewer = new Array<number>(conn.sockets.length).fill(0);
  const receipts = createReceiptLog();
  conn.sockets.forEach((s, i) => {
    s.onEvent = (frame) => {
      if (!frame.startsWith('42["bidPlaced"')) return;
      const t = nowMs();
      const amount = intField(frame, 'highestBid');
      if (amount === undefined) return;
      perViewer[i]!++;
      receipts.add(amount, t);
      if (i === 0 && wanted.size > 0) {
        const bidCount = intField(frame, 'bidCount');
        if (bidCount !== undefined && wanted.has(bidCount)) {
          const payload = frame.slice(frame.indexOf(',') + 1, frame.lastIndexOf('}') + 1);
          sizes[bidCount] = {
            frameBytes: Buffer.byteLength(frame),
            payloadBytes: Buffer.byteLength(payload),
            // Only the numbers' widths may grow with the bid count; everything else must not grow at all.
            normalizedBytes: Buffer.byteLength(payload.replace(/"(amount|highestBid|bidCount|seq)":\d+/g, '"$1":0')),
          };
        }
      }
    };
  });
  loopDelay.reset(); // the receipts are timed from here on, not the connecting
  send({ type: 'ready', connectMs: conn.connectMs, failed: conn.failed, ...(conn.firstError ? { firstError: conn.firstError } : {}) });
  control.onCount = () => receipts.size;
  await control.stopped;
  const result: ViewersResult = {
    amounts: receipts.byAmount(),
    perViewer,
    sizes,
    disconnects: conn.sockets.filter((s) => s.closed).length,
    loopLagP99Ms: loopLagP99Ms(),
    ...(control.emits ? { delivery: receipts.deliveryHistogram(control.emits) } : {}),
  };
  for (const s of conn.sockets) s.close();
  return result;
}
