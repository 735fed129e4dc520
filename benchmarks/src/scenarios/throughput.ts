// Scenario 2: throughput — accepted, persisted and broadcast bids/s with 10 viewers, closed-loop
// bidders; Bidwire on SQLite and PostgreSQL, and the bare baseline. Also scenario 5 (event size).
import type { BiddersJob } from '../protocol.js';
import { runBidLoad, type BidLoadResult } from './bid-load.js';
import { prepareTarget, type TargetKind } from './target.js';

export interface ThroughputResult {
  target: TargetKind;
  database: 'sqlite' | 'postgresql' | 'none';
  /** What differs from the plain run (e.g. "Prisma bid writer"); absent for the plain run. */
  variant?: string | undefined;
  bidsPerSecond: number;
  /** Manual bids the database holds for the lot afterwards (must equal `accepted`); baseline: -1. */
  persisted: number;
  /** Automatic bids the server placed for maxima (recorded, broadcast, not counted in bidsPerSecond). */
  autoBids?: number;
  result: BidLoadResult;
}

export interface ThroughputParams {
  durationMs: number;
  inflight: number;
  bidders: number;
  viewers: number;
  cpuProfDir?: string | undefined;
  /** A variant of the run: its label, the server environment and the bidding (maxima) that make it. */
  variant?: { label: string; env: Record<string, string>; bidding?: Pick<BiddersJob, 'amountStep' | 'maxima'> } | undefined;
}

export async function runThroughput(
  kind: TargetKind,
  database: ThroughputResult['database'],
  databaseUrl: string | undefined,
  p: ThroughputParams,
  log: (msg: string) => void,
): Promise<ThroughputResult> {
  const say = (msg: string) => log(`throughput ${kind}${database === 'none' ? '' : `/${database}`}${p.variant ? ` (${p.variant.label})` : ''}: ${msg}`);
  say('starting server');
  const target = await prepareTarget({
    kind,
    viewers: p.viewers,
    bidders: p.bidders,
    cpuProfDir: p.cpuProfDir,
    env: p.variant?.env,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  try {
    const result = await runBidLoad(target, {
      viewers: p.viewers,
      viewerWorkers: 1,
      pacing: { kind: 'closed', inflight: p.inflight, durationMs: p.durationMs },
      ...(p.variant?.bidding ? { bidding: p.variant.bidding } : {}),
      log: say,
    });
    const bidsPerSecond = Math.round(result.measured / result.measuredSeconds);
    const count = (auto: boolean) => target.server.request({ type: 'countBids', lotId: target.lot.lotId, auto }).then(Number);
    const persisted = kind === 'bidwire' ? await count(false) : -1;
    const autoBids = kind === 'bidwire' ? await count(true) : 0;
    say(`${bidsPerSecond} accepted bids/s (${result.accepted} accepted, ${autoBids} automatic, ${JSON.stringify(result.rejections)} rejected, ${persisted} persisted, ${result.lostEvents} lost), ack p50 ${result.ack.p50} ms p99 ${result.ack.p99} ms`);
    return { target: kind, database, variant: p.variant?.label, bidsPerSecond, persisted, autoBids, result };
  } finally {
    await target.close();
  }
}

export interface EventSizeResult {
  bidCounts: number[];
  sizes: BidLoadResult['sizes'];
  /** True when, digits aside, every size is identical (the event does not grow with the bid count). */
  constant: boolean;
}

/** Scenario 5: the bytes of one bidPlaced after 10, 1,000 and 10,000 bids on one lot. */
export async function runEventSize(bidCounts: number[], inflight: number, log: (msg: string) => void): Promise<EventSizeResult> {
  const say = (msg: string) => log(`event size: ${msg}`);
  say(`placing ${Math.max(...bidCounts)} bids on one lot`);
  const target = await prepareTarget({ kind: 'bidwire', viewers: 1, bidders: 8 });
  try {
    const result = await runBidLoad(target, {
      viewers: 1,
      viewerWorkers: 1,
      sizeAt: bidCounts,
      pacing: { kind: 'closed', inflight, durationMs: 600_000, untilBidCount: Math.max(...bidCounts) },
      log: say,
    });
    const normalized = bidCounts.map((n) => result.sizes[n]?.normalizedBytes);
    const constant = normalized.every((x) => x !== undefined && x === normalized[0]);
    say(`${bidCounts.map((n) => `${n}: ${result.sizes[n]?.payloadBytes ?? '?'} B`).join(', ')} — ${constant ? 'constant' : 'NOT constant'}`);
    return { bidCounts, sizes: result.sizes, constant };
  } finally {
    await target.close();
  }
}
