// The shape of one run's results (written as JSON, rendered as Markdown and HTML), and the targets
// the issue sets, checked against what was measured.
import type { Machine } from './machine.js';
import type { Mode, ModeParams } from './modes.js';
import type { ConnectionsResult } from './scenarios/connections.js';
import type { FanoutStep } from './scenarios/fanout.js';
import type { RawResult } from './scenarios/bid-sql.js';
import type { EventSizeResult, ThroughputResult } from './scenarios/throughput.js';

export interface RunResults {
  mode: Mode;
  params: ModeParams;
  startedAt: string;
  seconds: number;
  machine: Machine;
  notes: string[];
  fanout: FanoutStep[];
  throughput: ThroughputResult[];
  raw: RawResult[];
  postgres: { ran: boolean; message: string };
  connections: ConnectionsResult[];
  eventSize: EventSizeResult | null;
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));

export function checkTargets(r: Omit<RunResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at1000 = (kind: string) => r.fanout.find((s) => s.target === kind && s.viewers === 1_000 && s.bidsPerSecond === 100);
  const bw = at1000('bidwire');
  const base = at1000('baseline');
  const l = bw?.result.lastViewer;
  checks.push({ target: '1,000 viewers, 100 bids/s: p50 ≤ 15 ms', measured: `${fmt(l?.p50)} ms`, met: l ? l.p50 <= 15 : null });
  checks.push({ target: '1,000 viewers, 100 bids/s: p99 ≤ 50 ms', measured: `${fmt(l?.p99)} ms`, met: l ? l.p99 <= 50 : null });
  const rel = l && base ? l.p99 / base.result.lastViewer.p99 : undefined;
  // When Bidwire rejected bids (reordered under overload) it broadcast fewer events than the baseline.
  const rejected = bw ? bw.result.sent - bw.result.accepted : 0;
  checks.push({
    target: 'p99 ≤ 1.5× the bare baseline',
    measured: `${fmt(rel, 2)}×${rejected > 0 ? ` — not like for like: Bidwire rejected ${rejected} of ${bw!.result.sent} bids (BID_TOO_LOW after reordering under overload), so it broadcast fewer events than the baseline` : ''}`,
    met: rel === undefined || rejected > 0 ? null : rel <= 1.5,
  });
  checks.push({
    target: 'no event lost',
    measured: `${r.fanout.reduce((n, s) => n + s.result.lostEvents, 0) + r.throughput.reduce((n, t) => n + t.result.lostEvents, 0)} lost`,
    met: r.fanout.every((s) => s.result.lostEvents === 0) && r.throughput.every((t) => t.result.lostEvents === 0),
  });
  const sqlite = r.throughput.find((t) => t.target === 'bidwire' && t.database === 'sqlite');
  checks.push({ target: '≥ 2,000 bids/s on SQLite (synchronous=FULL)', measured: `${sqlite?.bidsPerSecond ?? 'n/a'} bids/s`, met: sqlite ? sqlite.bidsPerSecond >= 2_000 : null });
  const pg = r.throughput.find((t) => t.target === 'bidwire' && t.database === 'postgresql');
  checks.push({ target: '≥ 1,000 bids/s on PostgreSQL', measured: pg ? `${pg.bidsPerSecond} bids/s` : 'not run', met: pg ? pg.bidsPerSecond >= 1_000 : null });
  const persisted = r.throughput.filter((t) => t.target === 'bidwire');
  checks.push({
    target: 'every accepted bid persisted',
    measured: persisted.map((t) => `${t.database}: ${t.persisted}/${t.result.accepted}`).join(', ') || 'n/a',
    met: persisted.length ? persisted.every((t) => t.persisted === t.result.accepted) : null,
  });
  const conn = r.connections.find((c) => c.target === 'bidwire');
  checks.push({ target: '≤ 50 KB RSS per idle connection', measured: conn ? `${fmt(conn.bytesPerConnection / 1024)} KB` : 'n/a', met: conn ? conn.bytesPerConnection <= 50 * 1024 : null });
  checks.push({ target: 'bidPlaced size constant with the bid count', measured: r.eventSize ? r.eventSize.bidCounts.map((n) => `${n}: ${r.eventSize!.sizes[n]?.payloadBytes ?? '?'} B`).join(', ') : 'n/a', met: r.eventSize ? r.eventSize.constant : null });
  return checks;
}
