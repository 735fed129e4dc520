// The shape of one run's results (written as JSON, rendered as Markdown and HTML), and the targets
// the issue sets, checked against what was measured.
import type { Machine } from './machine.js';
import type { Mode, ModeParams } from './modes.js';
import type { Comparison } from './scenarios/compare.js';
import type { ConnectionsResult } from './scenarios/connections.js';
import type { DurableBareStep } from './scenarios/durable-bare.js';
import type { FanoutStep } from './scenarios/fanout.js';
import { median } from './stats.js';
import type { RawResult } from './scenarios/bid-sql.js';
import type { ResyncFloodVariant } from './scenarios/resync-flood.js';
import type { EventSizeResult, ThroughputResult } from './scenarios/throughput.js';
import type { GamesResult } from './scenarios/games.js';
import type { ManyAuctionsResult } from './scenarios/many-auctions.js';
import type { ReconnectStormResult } from './scenarios/reconnect-storm.js';

export interface RunResults {
  mode: Mode;
  params: ModeParams;
  startedAt: string;
  seconds: number;
  machine: Machine;
  notes: string[];
  fanout: FanoutStep[];
  /** Bidwire beside a bare server that persists each bid; absent in older result files. */
  durableWrite?: DurableBareStep[];
  throughput: ThroughputResult[];
  raw: RawResult[];
  postgres: { ran: boolean; message: string };
  connections: ConnectionsResult[];
  eventSize: EventSizeResult | null;
  /** Older result files have none. */
  resyncFlood?: ResyncFloodVariant[];
  /** Absent in results written before the games scenario existed. */
  games?: GamesResult | null;
  /** Absent in results written before these scenarios existed. */
  reconnectStorm?: ReconnectStormResult[];
  manyAuctions?: ManyAuctionsResult[];
  /** 'ran', or why PostgreSQL was skipped. */
  manyAuctionsPostgres?: string;
  /** A/B comparisons (`--only=writers`); absent from older result files. */
  comparisons?: Comparison[];
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));

/** One server's figures under one load: a fan-out step or a run of `durable`. */
type Measured = Pick<FanoutStep, 'result'>;
const msPerBid = (cpuSeconds: number | undefined, bids: number) => (cpuSeconds !== undefined && bids > 0 ? (cpuSeconds * 1000) / bids : NaN);
/** The server's CPU per accepted bid in a fan-out step (milliseconds). */
export const cpuMsPerAcceptedBid = (s: Measured) => msPerBid(s.result.serverCpuSeconds, s.result.accepted);
/** The same after the warm-up: the steady part's CPU over the measured accepted bids (NaN without a warm-up figure). */
export const cpuMsPerMeasuredBid = (s: Measured) => msPerBid(s.result.serverCpuAfterWarmupSeconds, s.result.measured);

/** Bidwire and a bare server measured in the same run, at the same load. */
interface Pair {
  bidwire: Measured;
  bare: Measured;
}

/**
 * Every run that measured Bidwire and the bare server at V × R: the fan-out step, then each run of `durable` (its
 * plain bare server, or with `persisting` the bare server that commits each bid). `--runs=N` makes N such runs.
 */
function pairsAt(r: Omit<RunResults, 'targets'>, viewers: number, bidsPerSecond: number, persisting = false): Pair[] {
  const at = (s: { viewers: number; bidsPerSecond: number }) => s.viewers === viewers && s.bidsPerSecond === bidsPerSecond;
  const pairs: Pair[] = [];
  const bidwire = r.fanout.find((s) => s.target === 'bidwire' && at(s));
  const bare = r.fanout.find((s) => s.target === 'baseline' && at(s));
  if (!persisting && bidwire && bare) pairs.push({ bidwire, bare });
  const durable = (r.durableWrite ?? []).filter(at);
  for (const b of durable.filter((s) => s.system === 'bidwire')) {
    const x = durable.find((s) => s.system === (persisting ? 'bare-durable' : 'bare') && s.run === b.run);
    if (x) pairs.push({ bidwire: b, bare: x });
  }
  return pairs;
}

/** Both servers broadcast what they accepted: like for like while those counts are within 10%. */
const alike = (p: Pair) => Math.min(p.bidwire.result.accepted, p.bare.result.accepted) >= 0.9 * Math.max(p.bidwire.result.accepted, p.bare.result.accepted);

/** Bidwire's figure over the bare server's in each pair: their median, and how they spread when there are several. */
function ratioOverRuns(pairs: Pair[], figure: (s: Measured) => number): { median: number; text: string } {
  const ratios = pairs.map((p) => figure(p.bidwire) / figure(p.bare)).filter(Number.isFinite);
  const middle = median(ratios);
  if (ratios.length <= 1) return { median: middle, text: `${fmt(middle, 2)}×` };
  return { median: middle, text: `median ${fmt(middle, 2)}× of ${ratios.length} runs (${ratios.map((x) => fmt(x, 2)).join(', ')})` };
}

export function checkTargets(r: Omit<RunResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at1000 = pairsAt(r, 1_000, 100);
  const first = at1000[0];
  const l = first?.bidwire.result.lastViewer;
  checks.push({ target: '1,000 viewers, 100 bids/s: p50 ≤ 15 ms', measured: `${fmt(l?.p50)} ms`, met: l ? l.p50 <= 15 : null });
  checks.push({ target: '1,000 viewers, 100 bids/s: p99 ≤ 50 ms', measured: `${fmt(l?.p99)} ms`, met: l ? l.p99 <= 50 : null });
  // Both servers answer a bid that arrives below the lot's highest (reordered on its way) with BID_TOO_LOW and do
  // not broadcast it, so each broadcasts what it accepted; a run where those counts are far apart is left out.
  const liked = at1000.filter(alike);
  const unlike = at1000.length - liked.length;
  const leftOut = unlike > 0 ? ` (${unlike} of ${at1000.length} runs left out: bids broadcast more than 10% apart, not like for like)` : '';
  const delivery = ratioOverRuns(liked, (s) => s.result.delivery?.p99 ?? NaN);
  checks.push({
    target: '1,000 viewers, 100 bids/s: delivery p99 (every viewer) ≤ 1.25× the bare baseline (judge on the median of ≥ 3 runs)',
    measured: `${delivery.text}${leftOut}`,
    met: Number.isFinite(delivery.median) ? delivery.median <= 1.25 : null,
  });
  const last = ratioOverRuns(liked, (s) => s.result.lastViewer.p99);
  const counts = first ? ` (bids broadcast: ${first.bidwire.result.accepted} vs ${first.bare.result.accepted}${at1000.length > 1 ? ' in the first run' : ''})` : '';
  checks.push({
    target: '1,000 viewers, 100 bids/s: last-viewer p99 ≤ 1.25× the bare baseline (judge on the median of ≥ 3 runs)',
    measured: `${last.text}${counts}${leftOut}`,
    met: Number.isFinite(last.median) ? last.median <= 1.25 : null,
  });
  const peak = ratioOverRuns(at1000, (s) => s.result.serverPeakRssBytes);
  const mib = (s: Measured) => fmt(s.result.serverPeakRssBytes / 2 ** 20, 0);
  checks.push({
    target: '1,000 viewers, 100 bids/s: server peak RSS ≤ 1.5× the bare baseline',
    measured: first ? `${mib(first.bidwire)} vs ${mib(first.bare)} MiB${at1000.length > 1 ? ' (first run)' : ''}; ${peak.text}` : 'n/a',
    met: Number.isFinite(peak.median) ? peak.median <= 1.5 : null,
  });
  // The issue's CPU figure was taken at 200 × 50, where neither server saturates the machine. CPU per bid moves by
  // ±30% from run to run on the shared machine: judged on the median of the runs (`--only=durable --runs=N`).
  const at200 = pairsAt(r, 200, 50);
  const cpu = ratioOverRuns(at200, cpuMsPerAcceptedBid);
  const steady = ratioOverRuns(at200, cpuMsPerMeasuredBid);
  const persisting = ratioOverRuns(pairsAt(r, 200, 50, true), cpuMsPerAcceptedBid);
  const one = at200[0];
  checks.push({
    target: '200 viewers, 50 bids/s: server CPU per accepted bid ≤ 1.2× the bare baseline',
    measured: one
      ? `${at200.length === 1 ? `${fmt(cpuMsPerAcceptedBid(one.bidwire), 2)} vs ${fmt(cpuMsPerAcceptedBid(one.bare), 2)} ms, ` : ''}${cpu.text}; after the warm-up ${steady.text}` +
        `${Number.isFinite(persisting.median) ? `; beside the bare server that also commits each bid ${persisting.text}` : ''}`
      : 'n/a',
    met: Number.isFinite(cpu.median) ? cpu.median <= 1.2 : null,
  });
  // The bidder's ack on SQLite (synchronous=FULL, the fan-out scenario's database) where the machine is not saturated.
  const acks = at200.map((p) => p.bidwire.result.ack.p50);
  const ack = median(acks);
  checks.push({
    target: "200 viewers, 50 bids/s: bidder's ack p50 ≤ 3 ms (SQLite, synchronous=FULL)",
    measured: `${acks.length > 1 ? `median ${fmt(ack)} ms of ${acks.length} runs (${acks.map((x) => fmt(x)).join(', ')})` : `${fmt(ack)} ms`}`,
    met: Number.isFinite(ack) ? ack <= 3 : null,
  });
  checks.push({
    target: 'no event lost',
    measured: `${[...r.fanout, ...(r.durableWrite ?? []), ...r.throughput].reduce((n, s) => n + s.result.lostEvents, 0)} lost`,
    met: [...r.fanout, ...(r.durableWrite ?? []), ...r.throughput].every((s) => s.result.lostEvents === 0),
  });
  const plain = (database: string) => r.throughput.find((t) => t.target === 'bidwire' && t.database === database && !t.variant);
  const sqlite = plain('sqlite');
  checks.push({ target: '≥ 2,000 bids/s on SQLite (synchronous=FULL)', measured: `${sqlite?.bidsPerSecond ?? 'n/a'} bids/s`, met: sqlite ? sqlite.bidsPerSecond >= 2_000 : null });
  const pg = plain('postgresql');
  checks.push({ target: '≥ 1,000 bids/s on PostgreSQL', measured: pg ? `${pg.bidsPerSecond} bids/s` : 'not run', met: pg ? pg.bidsPerSecond >= 1_000 : null });
  for (const database of ['sqlite', 'postgresql']) {
    // Interleaved runs when they were made (--only=maxima), else this run's two rows.
    const cmp = r.comparisons?.find((c) => c.name === 'maxima' && c.database === database);
    const withMaxima = r.throughput.find((t) => t.target === 'bidwire' && t.database === database && t.variant === 'half the bidders with maxima');
    const base = plain(database);
    // Interleaved pairs ran back to back: the median of their ratios is the like-for-like figure.
    const ratio = cmp ? cmp.medianPairRatio : withMaxima && base ? Math.round((withMaxima.bidsPerSecond / base.bidsPerSecond) * 100) / 100 : undefined;
    checks.push({
      target: `half the bidders with maxima: ≥ 80% of the accepted bids/s without, ${database}`,
      measured: ratio === undefined ? 'not run' : `${fmt(ratio * 100, 0)}%${cmp ? ` (median of ${cmp.pairRatios.length} interleaved pairs: ${cmp.pairRatios.join(', ')}; ratio of the medians ${fmt(cmp.ratio * 100, 0)}%)` : ' (one run each)'}`,
      met: ratio === undefined ? null : ratio >= 0.8,
    });
  }
  const persisted = r.throughput.filter((t) => t.target === 'bidwire');
  checks.push({
    target: 'every accepted bid persisted',
    measured: persisted.map((t) => `${t.database}${t.variant ? ` (${t.variant})` : ''}: ${t.persisted}/${t.result.accepted}`).join(', ') || 'n/a',
    met: persisted.length ? persisted.every((t) => t.persisted === t.result.accepted) : null,
  });
  const conn = r.connections.find((c) => c.target === 'bidwire');
  checks.push({ target: '≤ 20 KB RSS per idle connection (joined to an auction)', measured: conn ? `${fmt(conn.bytesPerConnection / 1024)} KB` : 'n/a', met: conn ? conn.bytesPerConnection <= 20 * 1024 : null });
  checks.push({
    target: 'idle RSS after start ≤ 100 MiB (20 s after it listens)',
    measured: conn ? `${fmt(conn.idleRssAfterStart.settledBytes / 2 ** 20)} MiB (at 5 s: ${fmt(conn.idleRssAfterStart.earlyBytes / 2 ** 20)} MiB)` : 'n/a',
    met: conn ? conn.idleRssAfterStart.settledBytes <= 100 * 2 ** 20 : null,
  });
  const storm = (kind: string) => r.reconnectStorm?.find((x) => x.target === kind);
  const sb = storm('bidwire');
  const sx = storm('baseline');
  const stormTime = sb && sx && sb.failed === 0 ? sb.caughtUpSeconds / sx.caughtUpSeconds : undefined;
  const stormRate = sb && sx && sb.failed === 0 ? sb.joinsPerSecond / sx.joinsPerSecond : undefined;
  checks.push({
    target: `reconnect storm (${sb?.clients ?? '?'} clients, gap ${sb?.gap ?? '?'}): all caught up ≤ 2× the bare server's time`,
    measured: sb ? `${fmt(sb.caughtUpSeconds, 2)} s vs ${fmt(sx?.caughtUpSeconds, 2)} s (${fmt(stormTime, 2)}×)${sb.failed ? `, ${sb.failed} failed` : ''}` : 'not run',
    met: stormTime === undefined ? null : stormTime <= 2,
  });
  checks.push({
    target: 'reconnect storm: connect+join rate ≥ 0.6× the bare server',
    measured: sb ? `${sb.joinsPerSecond} vs ${sx?.joinsPerSecond ?? 'n/a'}/s (${fmt(stormRate, 2)}×)` : 'not run',
    met: stormRate === undefined ? null : stormRate >= 0.6,
  });
  checks.push({ target: 'bidPlaced size constant with the bid count', measured: r.eventSize ? r.eventSize.bidCounts.map((n) => `${n}: ${r.eventSize!.sizes[n]?.payloadBytes ?? '?'} B`).join(', ') : 'n/a', met: r.eventSize ? r.eventSize.constant : null });
  return checks;
}
