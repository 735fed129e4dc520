// The shape of one run's results (written as JSON, rendered as Markdown and HTML), and the targets
// the issue sets, checked against what was measured.
import type { Machine } from './machine.js';
import type { Mode, ModeParams } from './modes.js';
import type { Comparison } from './scenarios/compare.js';
import type { ConnectionsResult } from './scenarios/connections.js';
import type { DurableBareStep } from './scenarios/durable-bare.js';
import type { FanoutStep } from './scenarios/fanout.js';
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

const msPerBid = (cpuSeconds: number | undefined, bids: number) => (cpuSeconds !== undefined && bids > 0 ? (cpuSeconds * 1000) / bids : NaN);
/** The server's CPU per accepted bid in a fan-out step (milliseconds). */
export const cpuMsPerAcceptedBid = (s: Pick<FanoutStep, 'result'>) => msPerBid(s.result.serverCpuSeconds, s.result.accepted);
/** The same after the warm-up: the steady part's CPU over the measured accepted bids (NaN without a warm-up figure). */
export const cpuMsPerMeasuredBid = (s: Pick<FanoutStep, 'result'>) => msPerBid(s.result.serverCpuAfterWarmupSeconds, s.result.measured);

export function checkTargets(r: Omit<RunResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at1000 = (kind: string) => r.fanout.find((s) => s.target === kind && s.viewers === 1_000 && s.bidsPerSecond === 100);
  const bw = at1000('bidwire');
  const base = at1000('baseline');
  const l = bw?.result.lastViewer;
  checks.push({ target: '1,000 viewers, 100 bids/s: p50 ≤ 15 ms', measured: `${fmt(l?.p50)} ms`, met: l ? l.p50 <= 15 : null });
  checks.push({ target: '1,000 viewers, 100 bids/s: p99 ≤ 50 ms', measured: `${fmt(l?.p99)} ms`, met: l ? l.p99 <= 50 : null });
  const rel = l && base ? l.p99 / base.result.lastViewer.p99 : undefined;
  // Both servers answer a bid that arrives below the lot's highest (reordered on its way) with BID_TOO_LOW and do
  // not broadcast it, so each broadcasts what it accepted; like for like while those counts are close.
  const accepted = bw && base ? [bw.result.accepted, base.result.accepted] : undefined;
  const alike = accepted ? Math.min(...accepted) >= 0.9 * Math.max(...accepted) : false;
  const d = bw?.result.delivery;
  const relDelivery = d && base?.result.delivery ? d.p99 / base.result.delivery.p99 : undefined;
  checks.push({
    target: '1,000 viewers, 100 bids/s: delivery p99 (every viewer) ≤ 1.25× the bare baseline (judge on the median of ≥ 3 runs)',
    measured: `${fmt(relDelivery, 2)}×${accepted && !alike ? ' (not like for like, below)' : ''}`,
    met: relDelivery === undefined || !Number.isFinite(relDelivery) || !alike ? null : relDelivery <= 1.25,
  });
  checks.push({
    target: '1,000 viewers, 100 bids/s: last-viewer p99 ≤ 1.25× the bare baseline (judge on the median of ≥ 3 runs)',
    measured: `${fmt(rel, 2)}×${accepted ? ` (bids broadcast: ${accepted[0]} vs ${accepted[1]}${alike ? '' : ', more than 10% apart: not like for like'})` : ''}`,
    met: rel === undefined || !alike ? null : rel <= 1.25,
  });
  const peak = bw && base ? bw.result.serverPeakRssBytes / base.result.serverPeakRssBytes : undefined;
  checks.push({
    target: '1,000 viewers, 100 bids/s: server peak RSS ≤ 1.5× the bare baseline',
    measured: bw && base ? `${fmt(bw.result.serverPeakRssBytes / 2 ** 20, 0)} vs ${fmt(base.result.serverPeakRssBytes / 2 ** 20, 0)} MiB (${fmt(peak, 2)}×)` : 'n/a',
    met: peak === undefined ? null : peak <= 1.5,
  });
  // The issue's CPU figure was taken at 200 × 50, where neither server saturates the machine.
  const at200 = (kind: string) => r.fanout.find((s) => s.target === kind && s.viewers === 200 && s.bidsPerSecond === 50);
  const cpuB = at200('bidwire');
  const cpuX = at200('baseline');
  const cpu = cpuB && cpuX ? cpuMsPerAcceptedBid(cpuB) / cpuMsPerAcceptedBid(cpuX) : undefined;
  const steady = cpuB && cpuX ? cpuMsPerMeasuredBid(cpuB) / cpuMsPerMeasuredBid(cpuX) : undefined;
  checks.push({
    target: '200 viewers, 50 bids/s: server CPU per accepted bid ≤ 1.2× the bare baseline',
    measured: cpuB && cpuX
      ? `${fmt(cpuMsPerAcceptedBid(cpuB), 2)} vs ${fmt(cpuMsPerAcceptedBid(cpuX), 2)} ms (${fmt(cpu, 2)}×); after the warm-up ${fmt(cpuMsPerMeasuredBid(cpuB), 2)} vs ${fmt(cpuMsPerMeasuredBid(cpuX), 2)} ms (${fmt(steady, 2)}×)`
      : 'n/a',
    met: cpu === undefined || !Number.isFinite(cpu) ? null : cpu <= 1.2,
  });
  // The bidder's ack on SQLite (synchronous=FULL, the fan-out scenario's database) where the machine is not saturated.
  const ack = r.fanout.find((s) => s.target === 'bidwire' && s.viewers === 200 && s.bidsPerSecond === 50)?.result.ack;
  checks.push({ target: "200 viewers, 50 bids/s: bidder's ack p50 ≤ 3 ms (SQLite, synchronous=FULL)", measured: `${fmt(ack?.p50)} ms`, met: ack ? ack.p50 <= 3 : null });
  checks.push({
    target: 'no event lost',
    measured: `${r.fanout.reduce((n, s) => n + s.result.lostEvents, 0) + r.throughput.reduce((n, t) => n + t.result.lostEvents, 0)} lost`,
    met: r.fanout.every((s) => s.result.lostEvents === 0) && r.throughput.every((t) => t.result.lostEvents === 0),
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
