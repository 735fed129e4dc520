// Scenario "many auctions" (issue 18): A live auctions at once, each with V viewers and one bidder placing R
// bids/s on its own lot (open loop). Measured: aggregate accepted bids/s, delivery (bid emit → received by
// the last of that auction's viewers) and the server's CPU, on SQLite and PostgreSQL; the bare Socket.IO
// server does the same fan-out (one room per auction). Amounts rise across all auctions, so each is unique
// and names one bid.
import { loadavg } from 'node:os';
import { startWorker } from '../children.js';
import { openLiveLot } from '../live-auction.js';
import type { BiddersResult, ViewersResult } from '../protocol.js';
import { collectReceipts } from '../receipts.js';
import { summarize, type Summary } from '../stats.js';
import { insertUsers, mintUsers } from '../users.js';
import { cpuSecondsOf, nowMs, pool } from '../util.js';
import { prepareTarget, type TargetKind } from './target.js';

export interface ManyAuctionsParams {
  auctions: number;
  viewersPerAuction: number;
  /** Bids per second on each auction (one bidder each). */
  bidsPerSecondEach: number;
  durationMs: number;
  warmupMs: number;
}

export interface ManyAuctionsResult {
  target: TargetKind;
  database: 'sqlite' | 'postgresql' | 'none';
  auctions: number;
  viewers: number;
  sent: number;
  accepted: number;
  rejections: Record<string, number>;
  /** Accepted bids per second over the measured span, all auctions together. */
  acceptedPerSecond: number;
  /** Bid emit → received by the last viewer of its auction, ms (measured bids). */
  delivery: Summary;
  ack: Summary;
  lostEvents: number;
  /** Server CPU over the bidding (warm-up included): seconds, and the share of one core. */
  cpuSeconds: number;
  cpuShareOfOneCore: number;
  loadavg: number;
  /** The viewer workers' event-loop delay p99 (the worst), ms: high means receipts were late on the generator's side. */
  generatorLagP99Ms: number;
}

/** Viewer workers: 2 when there are many viewers, so the generator keeps up. */
const VIEWER_WORKERS = 2;

export async function runManyAuctions(
  kind: TargetKind,
  database: 'sqlite' | 'postgresql' | 'none',
  databaseUrl: string | undefined,
  p: ManyAuctionsParams,
  cpuProfDir: string | undefined,
  log: (msg: string) => void,
): Promise<ManyAuctionsResult> {
  const say = (msg: string) => log(`many auctions ${kind}${database === 'none' ? '' : ` ${database}`} ${p.auctions}×${p.viewersPerAuction}: ${msg}`);
  say('starting server');
  const viewerCount = p.auctions * p.viewersPerAuction;
  const target = await prepareTarget({ kind, viewers: viewerCount, bidders: p.auctions, cpuProfDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    let auctionIds: string[];
    if (kind === 'baseline') auctionIds = Array.from({ length: p.auctions }, (_, i) => `baseline-${i}`);
    else {
      // One owner per auction (the bidders may not bid on their own lots): the target's lot is the first.
      const owners = await mintUsers(p.auctions - 1, 'm');
      await insertUsers(target.server, owners);
      const more = await pool(owners, 8, async (owner) => (await openLiveLot(target.server.url, owner)).auctionId);
      auctionIds = [target.lot.auctionId, ...more];
    }
    const startingPrice = target.lot.startingPrice;
    const auctionOfViewer = (i: number) => auctionIds[i % p.auctions]!;
    const viewerTokens = target.viewers.map((u) => u.token);
    const workers = Array.from({ length: VIEWER_WORKERS }, (_, w) => {
      const indexes = viewerTokens.map((_, i) => i).filter((i) => i % VIEWER_WORKERS === w);
      return startWorker<ViewersResult>({
        role: 'viewers',
        url: target.server.url,
        tokens: indexes.map((i) => viewerTokens[i]!),
        auctionId: auctionIds[0]!,
        auctionIds: indexes.map(auctionOfViewer),
      });
    });
    const ready = await Promise.all(workers.map((w) => w.ready));
    const connectFailures = ready.reduce((n, r) => n + r.failed, 0);
    say(`${viewerCount - connectFailures} viewers joined${connectFailures ? ` (${connectFailures} failed: ${ready.find((r) => r.firstError)?.firstError})` : ''}`);

    const bidders = startWorker<BiddersResult>({
      role: 'bidders',
      url: target.server.url,
      tokens: target.bidders.map((u) => u.token),
      auctionId: auctionIds[0]!,
      auctionIds,
      startAmount: startingPrice,
      pacing: { kind: 'rate', perSecond: p.auctions * p.bidsPerSecondEach, durationMs: p.durationMs + p.warmupMs, warmupMs: p.warmupMs },
    });
    await bidders.ready;
    const load = loadavg()[0]!;
    const cpuBefore = cpuSecondsOf(target.server.pid);
    const t0 = nowMs();
    bidders.go();
    await bidders.done;
    const cpuSeconds = cpuSecondsOf(target.server.pid) - cpuBefore;
    const seconds = (nowMs() - t0) / 1000;
    const bids = await bidders.stop();
    const accepted = bids.bids.filter((b) => b[3] === 1);

    // Every accepted bid reaches its auction's viewers (the bidder sockets bid round robin, so bid k went to auction k mod A).
    const { views, receipts } = await collectReceipts(workers, accepted.length * p.viewersPerAuction);
    let lostEvents = 0;
    const delivery: number[] = [];
    for (const [amount, emitT, , , measured] of accepted) {
      const r = receipts.get(amount);
      lostEvents += Math.max(0, p.viewersPerAuction - (r?.count ?? 0));
      if (measured === 1 && r) delivery.push(r.last - emitT);
    }
    const measured = accepted.filter((b) => b[4] === 1);
    const span = measured.length > 0 ? (Math.max(...measured.map((b) => b[2])) - Math.min(...measured.map((b) => b[1]))) / 1000 : 0;
    const result: ManyAuctionsResult = {
      target: kind,
      database,
      auctions: p.auctions,
      viewers: viewerCount - connectFailures,
      sent: bids.bids.length,
      accepted: accepted.length,
      rejections: bids.rejections,
      acceptedPerSecond: span > 0 ? Math.round(measured.length / span) : 0,
      delivery: summarize(delivery),
      ack: summarize(measured.map((b) => b[2] - b[1])),
      lostEvents,
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      cpuShareOfOneCore: Math.round((cpuSeconds / seconds) * 1000) / 1000,
      loadavg: Math.round(load * 100) / 100,
      generatorLagP99Ms: Math.max(...views.map((v) => v.loopLagP99Ms ?? NaN)),
    };
    say(
      `accepted ${result.accepted}/${result.sent} (${result.acceptedPerSecond}/s), delivery p50 ${result.delivery.p50} p99 ${result.delivery.p99} ms, ` +
        `ack p50 ${result.ack.p50} ms, lost ${lostEvents}, server CPU ${result.cpuSeconds} s (${Math.round(result.cpuShareOfOneCore * 100)}% of a core), load ${result.loadavg}, generator loop lag p99 ${result.generatorLagP99Ms} ms`,
    );
    return result;
  } finally {
    await target.close();
  }
}
