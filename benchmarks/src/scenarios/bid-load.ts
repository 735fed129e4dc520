// The core of the fan-out, throughput and event-size scenarios: viewer workers join the lot's auction,
// a bidder worker places bids, and the receipts are merged by bid amount (unique per bid).
import { startWorker } from '../children.js';
import type { BidPacing, BiddersJob, BiddersResult, ViewersResult } from '../protocol.js';
import { collectReceipts } from '../receipts.js';
import { summarize, type Summary } from '../stats.js';
import { cpuSecondsOf, nowMs } from '../util.js';
import type { Target } from './target.js';

export interface BidLoadOptions {
  viewers: number;
  viewerWorkers: number;
  pacing: BidPacing;
  sizeAt?: number[];
  /** The first bid's amount (default: the lot's starting price); later runs on one lot start above the earlier bids. */
  startAmount?: number;
  /** Bidders' amount step and maxima (BiddersJob). */
  bidding?: Pick<BiddersJob, 'amountStep' | 'maxima'>;
  log: (msg: string) => void;
}

export interface BidLoadResult {
  viewersConnected: number;
  viewerConnectFailures: number;
  viewerJoinMs: number;
  sent: number;
  accepted: number;
  rejections: Record<string, number>;
  /** Measured (after warm-up) accepted bids. */
  measured: number;
  /** Seconds from the first measured emit to the last measured ack. */
  measuredSeconds: number;
  /** Measured bids answered per second, accepted or rejected (rejections do most of a bid's work). */
  answeredPerSecond: number;
  lastViewer: Summary;
  /** Every viewer's receipt of each measured bid (emit → that viewer), at 0.1 ms resolution (absent in results written before it). */
  delivery?: Summary;
  ack: Summary;
  /** Deliveries of accepted bids that never reached a joined viewer. */
  lostEvents: number;
  viewersMissingEvents: number;
  disconnects: number;
  sizes: ViewersResult['sizes'];
  /** The server's CPU (user + system, all its threads) from the first bid until every viewer had every bid. */
  serverCpuSeconds: number;
  /**
   * The same from the end of the warm-up (rate pacing): the steady part, for the measured bids, as the latency
   * figures are (absent in results written before it, and without a warm-up).
   */
  serverCpuAfterWarmupSeconds?: number;
  /** The server's largest RSS, read every 100 ms from the viewers' joins to the last receipt. */
  serverPeakRssBytes: number;
  /** The load generator's own event-loop delay p99, ms: the largest of its workers' (viewers from their joins on, the bidder from its first bid; absent in results written before it). */
  generatorLagP99Ms?: number;
}

/** How often the server's RSS is read for its peak. */
const RSS_SAMPLE_MS = 100;

const split = <T>(items: T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p)).filter((c) => c.length > 0);

export async function runBidLoad(target: Target, opts: BidLoadOptions): Promise<BidLoadResult> {
  const { lot } = target;
  const url = target.server.url;
  const viewerTokens = target.viewers.slice(0, opts.viewers).map((u) => u.token);
  let peakRss = target.server.rss();
  const rssSampler = setInterval(() => {
    peakRss = Math.max(peakRss, target.server.rss());
  }, RSS_SAMPLE_MS).unref();
  const t0 = nowMs();
  const viewerWorkers = split(viewerTokens, opts.viewerWorkers).map((tokens, i) =>
    startWorker<ViewersResult>({
      role: 'viewers',
      url,
      tokens,
      auctionId: lot.auctionId,
      ...(i === 0 && opts.sizeAt ? { sizeAt: opts.sizeAt } : {}),
    }),
  );
  const ready = await Promise.all(viewerWorkers.map((w) => w.ready));
  const viewerJoinMs = nowMs() - t0;
  const failures = ready.reduce((n, r) => n + r.failed, 0);
  const connected = viewerTokens.length - failures;
  opts.log(`${connected} viewers joined in ${(viewerJoinMs / 1000).toFixed(1)} s${failures ? ` (${failures} failed: ${ready.find((r) => r.firstError)?.firstError})` : ''}`);

  const bidders = startWorker<BiddersResult>({
    role: 'bidders',
    url,
    tokens: target.bidders.map((u) => u.token),
    auctionId: lot.auctionId,
    startAmount: opts.startAmount ?? lot.startingPrice,
    pacing: opts.pacing,
    ...opts.bidding,
  });
  await bidders.ready;
  const progress = setInterval(async () => {
    const received = (await Promise.all(viewerWorkers.map((w) => w.count()))).reduce((a, b) => a + b, 0);
    opts.log(`… ${((nowMs() - t0) / 1000).toFixed(0)} s, ${received} events received by viewers`);
  }, 5_000);
  const cpuBefore = cpuSecondsOf(target.server.pid);
  let cpuAfterWarmup: number | undefined;
  const warmupMs = opts.pacing.kind === 'rate' ? opts.pacing.warmupMs : 0;
  const warmupEnd = warmupMs > 0 ? setTimeout(() => (cpuAfterWarmup = cpuSecondsOf(target.server.pid)), warmupMs) : undefined;
  bidders.go();
  await bidders.done;
  clearInterval(progress);
  const bids = await bidders.stop();
  const accepted = bids.bids.filter((b) => b[3] === 1);

  // Wait until every accepted bid has reached every viewer (or give up: those are lost events).
  const measured = accepted.filter((b) => b[4] === 1);
  const emits = measured.map((b): [number, number] => [b[0], b[1]]);
  const { views, receipts, delivery } = await collectReceipts(viewerWorkers, accepted.length * connected, emits);
  const cpuAfter = cpuSecondsOf(target.server.pid);
  clearTimeout(warmupEnd);
  const serverCpuSeconds = cpuAfter - cpuBefore;
  clearInterval(rssSampler);
  peakRss = Math.max(peakRss, target.server.rss());

  const lastViewer: number[] = [];
  let lostEvents = 0;
  for (const [amount] of accepted) {
    const r = receipts.get(amount);
    lostEvents += Math.max(0, connected - (r?.count ?? 0));
  }
  for (const [amount, emitT] of measured) {
    const r = receipts.get(amount);
    if (r && connected > 0) lastViewer.push(r.last - emitT);
  }
  const perViewer = views.flatMap((v) => v.perViewer);
  const firstMeasured = Math.min(...measured.map((b) => b[1]));
  const lastAck = Math.max(...measured.map((b) => b[2]));
  return {
    viewersConnected: connected,
    viewerConnectFailures: failures,
    viewerJoinMs: Math.round(viewerJoinMs),
    sent: bids.bids.length,
    accepted: accepted.length,
    rejections: bids.rejections,
    measured: measured.length,
    measuredSeconds: measured.length > 0 ? (lastAck - firstMeasured) / 1000 : 0,
    answeredPerSecond: measured.length > 0 ? Math.round(bids.bids.filter((b) => b[4] === 1).length / ((lastAck - firstMeasured) / 1000)) : 0,
    lastViewer: summarize(lastViewer),
    delivery,
    ack: summarize(measured.map((b) => b[2] - b[1])),
    lostEvents,
    viewersMissingEvents: perViewer.filter((n) => n < accepted.length).length,
    disconnects: views.reduce((n, v) => n + v.disconnects, 0),
    sizes: Object.assign({}, ...views.map((v) => v.sizes)) as ViewersResult['sizes'],
    serverCpuSeconds: Math.round(serverCpuSeconds * 100) / 100,
    ...(cpuAfterWarmup === undefined ? {} : { serverCpuAfterWarmupSeconds: Math.round((cpuAfter - cpuAfterWarmup) * 100) / 100 }),
    serverPeakRssBytes: peakRss,
    generatorLagP99Ms: Math.max(bids.loopLagP99Ms, ...views.map((v) => v.loopLagP99Ms ?? NaN)),
  };
}
