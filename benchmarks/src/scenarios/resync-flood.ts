// Scenario "resync flood" (issue 16): one user asks `resync { afterSeq: 0 }` on an auction with a long history
// over and over, while viewers watch bids arrive and another user times `timeSync`. Reported: the others'
// delivery latency and clock round trip, quiet and during the flood, and what the flooder got. Run twice:
// with the server's resync bounds (pages, byte cap, its own rate limit) and with them lifted, which is how
// the server behaved before them (one answer held the whole history, no limit of its own).
import { startWorker } from '../children.js';
import type { ProberResult, ResyncFloodResult } from '../protocol.js';
import { summarize, type Summary } from '../stats.js';
import { runBidLoad } from './bid-load.js';
import { prepareTarget, type Target } from './target.js';

export interface ResyncFloodParams {
  /** Room events (bids) in the auction's log before the flood. */
  historyEvents: number;
  viewers: number;
  bidders: number;
  bidsPerSecond: number;
  durationMs: number;
  warmupMs: number;
  /** The flooder's requests per second (19/s was under the old 30/s catch-all limit). */
  floodPerSecond: number;
  /** Which servers to measure (smoke runs keep to one, to stay short). */
  variants: ('bounded' | 'unbounded')[];
}

export interface ResyncFloodPhase {
  /** Bid emit → received by the last viewer, ms. */
  delivery: Summary;
  bidAck: Summary;
  timeSync: Summary;
  lostEvents: number;
}

export interface ResyncFloodVariant {
  bounds: 'bounded' | 'unbounded';
  env: Record<string, string>;
  historyEvents: number;
  quiet: ResyncFloodPhase;
  flood: ResyncFloodPhase & {
    sent: number;
    answered: number;
    refused: Record<string, number>;
    unanswered: number;
    /** Characters (≈ bytes) of each answered page, and its events. */
    pageBytes: Summary;
    pageEvents: Summary;
    pageRtt: Summary;
  };
}

/** Lifts the bounds: every event in one answer, no resync limit of its own (what the server did before). */
const UNBOUNDED = { RESYNC_PAGE_MAX_EVENTS: '5000', RESYNC_PAGE_MAX_BYTES: String(16 * 1024 * 1024), RATE_LIMITS: 'placeBid=1000000,joinAuction=1000000,resync=1000000,*=1000000' };

export async function runResyncFlood(p: ResyncFloodParams, log: (msg: string) => void): Promise<ResyncFloodVariant[]> {
  const variants: ResyncFloodVariant[] = [];
  for (const bounds of p.variants) {
    const env = bounds === 'bounded' ? {} : UNBOUNDED;
    const say = (msg: string) => log(`resync flood (${bounds}): ${msg}`);
    say('starting server');
    // Two extra users: the flooder and the prober (neither is a viewer).
    const target = await prepareTarget({ kind: 'bidwire', viewers: p.viewers + 2, bidders: p.bidders, env });
    try {
      variants.push({ bounds, env, ...(await runVariant(target, p, say)) });
    } finally {
      await target.close();
    }
  }
  return variants;
}

async function runVariant(target: Target, p: ResyncFloodParams, say: (msg: string) => void) {
  const url = target.server.url;
  const [flooder, prober] = target.viewers.slice(p.viewers);
  say(`writing ${p.historyEvents} bids of history`);
  const history = await runBidLoad(target, {
    viewers: 0,
    viewerWorkers: 1,
    pacing: { kind: 'closed', inflight: 8, durationMs: 10 * 60_000, untilBidCount: p.historyEvents },
    log: () => {},
  });
  let nextAmount = target.lot.startingPrice + history.sent;

  const phase = async (name: string) => {
    const probe = startWorker<ProberResult>({ role: 'prober', url, token: prober!.token, intervalMs: 50 });
    await probe.ready;
    probe.go();
    const load = await runBidLoad(target, {
      viewers: p.viewers,
      viewerWorkers: 1,
      startAmount: nextAmount,
      pacing: { kind: 'rate', perSecond: p.bidsPerSecond, durationMs: p.durationMs + p.warmupMs, warmupMs: p.warmupMs },
      log: (msg) => say(`${name}: ${msg}`),
    });
    nextAmount += load.sent;
    const probed = await probe.stop();
    const result: ResyncFloodPhase = {
      delivery: load.lastViewer,
      bidAck: load.ack,
      timeSync: summarize(probed.rtts),
      lostEvents: load.lostEvents + probed.unanswered,
    };
    say(`${name}: delivery p50 ${result.delivery.p50} p99 ${result.delivery.p99} ms, timeSync p50 ${result.timeSync.p50} p99 ${result.timeSync.p99} ms`);
    return result;
  };

  const quiet = await phase('quiet');
  const flood = startWorker<ResyncFloodResult>({ role: 'resyncFlood', url, token: flooder!.token, auctionId: target.lot.auctionId, perSecond: p.floodPerSecond });
  await flood.ready;
  flood.go();
  const during = await phase('flood');
  const f = await flood.stop();
  say(`flooder: ${f.sent} sent, ${f.pages.length} pages, refused ${JSON.stringify(f.refused)}, ${f.unanswered} unanswered`);
  return {
    historyEvents: history.accepted,
    quiet,
    flood: {
      ...during,
      sent: f.sent,
      answered: f.pages.length,
      refused: f.refused,
      unanswered: f.unanswered,
      pageBytes: summarize(f.pages.map((x) => x[1])),
      pageEvents: summarize(f.pages.map((x) => x[2])),
      pageRtt: summarize(f.pages.map((x) => x[0])),
    },
  };
}
