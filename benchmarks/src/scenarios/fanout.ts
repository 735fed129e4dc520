// Scenario 1 (+4): fan-out latency — V viewers, bidders at R bids/s; emit -> LAST viewer, and the
// bidder's ack — on Bidwire and on the bare Socket.IO baseline, each on a fresh server.
import { runBidLoad, type BidLoadResult } from './bid-load.js';
import { prepareTarget, type TargetKind } from './target.js';

export interface FanoutStep {
  target: TargetKind;
  viewers: number;
  bidsPerSecond: number;
  durationMs: number;
  result: BidLoadResult;
}

export interface FanoutParams {
  steps: { viewers: number; bidsPerSecond: number }[];
  durationMs: number;
  warmupMs: number;
  bidders: number;
  cpuProfDir?: string | undefined;
}

/** One system under one fan-out load, on a fresh server; `env` is the server's (prepareTarget). */
export async function runFanoutStep(
  kind: TargetKind,
  { viewers, bidsPerSecond }: FanoutParams['steps'][number],
  p: FanoutParams,
  say: (msg: string) => void,
  env?: Record<string, string>,
): Promise<BidLoadResult> {
  say('starting server');
  const target = await prepareTarget({ kind, viewers, bidders: p.bidders, cpuProfDir: p.cpuProfDir, ...(env ? { env } : {}) });
  try {
    const result = await runBidLoad(target, {
      viewers,
      viewerWorkers: viewers >= 200 ? 2 : 1,
      pacing: { kind: 'rate', perSecond: bidsPerSecond, durationMs: p.durationMs + p.warmupMs, warmupMs: p.warmupMs },
      log: say,
    });
    const l = result.lastViewer;
    say(`accepted ${result.accepted}/${result.sent}, last viewer p50 ${l.p50} p99 ${l.p99} max ${l.max} ms, delivery p50 ${result.delivery?.p50} p99 ${result.delivery?.p99} ms (${result.delivery?.n} receipts), ack p50 ${result.ack.p50} ms, lost ${result.lostEvents}, generator loop lag p99 ${result.generatorLagP99Ms} ms`);
    return result;
  } finally {
    await target.close();
  }
}

export async function runFanout(p: FanoutParams, log: (msg: string) => void): Promise<FanoutStep[]> {
  const steps: FanoutStep[] = [];
  for (const step of p.steps) {
    for (const kind of ['bidwire', 'baseline'] as const) {
      const say = (msg: string) => log(`fan-out ${kind} V=${step.viewers} R=${step.bidsPerSecond}/s: ${msg}`);
      steps.push({ target: kind, ...step, durationMs: p.durationMs, result: await runFanoutStep(kind, step, p, say) });
    }
  }
  return steps;
}
