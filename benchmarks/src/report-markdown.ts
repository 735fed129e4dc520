// The Markdown report: one table per scenario, every Bidwire figure beside the baseline's with the ratio.
import type { RunResults } from './results.js';
import { ratio } from './stats.js';

const n = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const mark = (met: boolean | null) => (met === null ? '—' : met ? '✅' : '❌');

export function renderMarkdown(r: RunResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Mode \`${r.mode}\`, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.seconds)} s — ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}; load generators, servers and databases share the machine (loopback).`);
  out.push('');
  out.push('**Fan-out latency** (bid emit → received by the LAST viewer; ack = bidder\'s ack), ms, Bidwire / bare Socket.IO (ratio):');
  out.push('');
  out.push('| viewers | bids/s | p50 | p95 | p99 | max | ack p50 | ack p99 | lost events |');
  out.push('|---:|---:|---|---|---|---|---|---|---:|');
  const steps = [...new Map(r.fanout.map((s) => [`${s.viewers}@${s.bidsPerSecond}`, s])).values()];
  for (const { viewers: v, bidsPerSecond: rate } of steps) {
    const b = r.fanout.find((s) => s.viewers === v && s.bidsPerSecond === rate && s.target === 'bidwire');
    const base = r.fanout.find((s) => s.viewers === v && s.bidsPerSecond === rate && s.target === 'baseline');
    const cell = (f: (s: NonNullable<typeof b>) => number) =>
      `${n(b && f(b))} / ${n(base && f(base))} (${n(ratio(b && f(b), base && f(base)), 2)}×)`;
    out.push(
      `| ${v.toLocaleString('en-US')} | ${rate}${b && b.result.accepted < b.result.sent ? ` (${b.result.sent - b.result.accepted} rejected)` : ''} | ${cell((s) => s.result.lastViewer.p50)} | ${cell((s) => s.result.lastViewer.p95)} | ${cell((s) => s.result.lastViewer.p99)} | ${cell((s) => s.result.lastViewer.max)} | ${cell((s) => s.result.ack.p50)} | ${cell((s) => s.result.ack.p99)} | ${b?.result.lostEvents ?? 'n/a'} / ${base?.result.lostEvents ?? 'n/a'} |`,
    );
  }
  out.push('');
  out.push('**Throughput** (closed loop, 10 viewers; accepted + persisted + broadcast bids/s):');
  out.push('');
  out.push('| system | accepted bids/s | vs raw SQL ceiling | vs bare Socket.IO | answered/s (incl. rejected) | ack p50 / p99 ms | persisted / accepted | rejected | lost |');
  out.push('|---|---:|---:|---:|---:|---|---|---:|---:|');
  const baseT = r.throughput.find((t) => t.target === 'baseline');
  for (const t of r.throughput) {
    const raw = r.raw.filter((x) => x.database === t.database).reduce((best, x) => Math.max(best, x.bidsPerSecond), 0);
    const rejected = Object.values(t.result.rejections).reduce((a, b) => a + b, 0);
    out.push(
      `| ${t.target === 'baseline' ? 'bare Socket.IO (no database)' : `Bidwire, ${t.database}`} | ${t.bidsPerSecond.toLocaleString('en-US')} | ${t.target === 'baseline' ? '—' : `${n(ratio(t.bidsPerSecond, raw), 2)}×`} | ${n(ratio(t.bidsPerSecond, baseT?.bidsPerSecond), 2)}× | ${t.result.answeredPerSecond.toLocaleString('en-US')} | ${n(t.result.ack.p50)} / ${n(t.result.ack.p99)} | ${t.persisted < 0 ? '—' : `${t.persisted} / ${t.result.accepted}`} | ${rejected} | ${t.result.lostEvents} |`,
    );
  }
  for (const x of r.raw) {
    out.push(`| raw SQL ceiling, ${x.database}${x.connections > 1 ? ` (${x.connections} connections)` : ''} | ${x.bidsPerSecond.toLocaleString('en-US')} | 1.00× | — | — | — | — | — |`);
  }
  out.push(
    '',
    'The raw SQL ceiling runs the bid statements as one transaction per bid. Bidwire puts the bids that arrive while a transaction commits into the next one (group commit), so with several bids in flight it can pass that ceiling.',
  );
  if (!r.postgres.ran) out.push('', `PostgreSQL: ${r.postgres.message}`);
  out.push('');
  out.push('**Idle authenticated connections** (server VmRSS after a full GC):');
  out.push('');
  out.push('| system | connections | connect time | connections/s | RSS per connection |');
  out.push('|---|---:|---:|---:|---:|');
  for (const c of r.connections) {
    out.push(`| ${c.target === 'baseline' ? 'bare Socket.IO' : 'Bidwire'} | ${c.connected.toLocaleString('en-US')}${c.failed ? ` (${c.failed} failed)` : ''} | ${n(c.connectSeconds, 2)} s | ${c.connectionsPerSecond.toLocaleString('en-US')} | ${n(c.bytesPerConnection / 1024)} KB |`);
  }
  if (r.eventSize) {
    const e = r.eventSize;
    out.push('');
    out.push(`**\`bidPlaced\` size** (JSON payload bytes) after ${e.bidCounts.map((x) => x.toLocaleString('en-US')).join(' / ')} bids on one lot: ${e.bidCounts.map((x) => `${e.sizes[x]?.payloadBytes ?? '?'} B`).join(' / ')} — ${e.constant ? 'constant (only number widths change)' : '**NOT constant**'}.`);
  }
  out.push('');
  out.push('**Targets**');
  out.push('');
  out.push('| target | measured | met |');
  out.push('|---|---|:-:|');
  for (const t of r.targets) out.push(`| ${t.target} | ${t.measured} | ${mark(t.met)} |`);
  if (r.notes.length) out.push('', ...r.notes.map((x) => `- ${x}`));
  return `${out.join('\n')}\n`;
}
