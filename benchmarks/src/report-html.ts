// The HTML report: the Markdown tables' figures as charts (inline SVG) plus the tables themselves.
import type { RunResults } from './results.js';
import { barChart } from './svg-chart.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Minimal Markdown → HTML for our own report (tables, bold, code, list items, paragraphs). */
function markdownToHtml(md: string): string {
  const inline = (s: string) => esc(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`(.+?)`/g, '<code>$1</code>');
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
      i--;
      const cells = (row: string) => row.slice(1, -1).split('|').map((c) => c.trim());
      const head = cells(rows[0]!).map((c) => `<th>${inline(c)}</th>`).join('');
      const body = rows.slice(2).map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('');
      out.push(`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
    } else if (line.startsWith('- ')) out.push(`<li>${inline(line.slice(2))}</li>`);
    else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  return out.join('\n');
}

export function renderHtml(r: RunResults, markdown: string): string {
  const steps = [...new Map(r.fanout.map((s) => [`${s.viewers}@${s.bidsPerSecond}`, s])).values()];
  const pick = (kind: string, v: number, rate: number) =>
    r.fanout.find((s) => s.target === kind && s.viewers === v && s.bidsPerSecond === rate)?.result.lastViewer;
  const latency = barChart(
    'Fan-out latency to the last viewer (ms), by viewers and bid rate',
    'milliseconds',
    [
      { label: 'Bidwire p50', color: '#93c5fd' },
      { label: 'Bidwire p95', color: '#3b82f6' },
      { label: 'Bidwire p99', color: '#1e3a8a' },
      { label: 'bare p50', color: '#fcd34d' },
      { label: 'bare p95', color: '#f59e0b' },
      { label: 'bare p99', color: '#92400e' },
    ],
    steps.map(({ viewers: v, bidsPerSecond: rate }) => {
      const b = pick('bidwire', v, rate);
      const base = pick('baseline', v, rate);
      return { label: `${v.toLocaleString('en-US')} viewers, ${rate} bids/s`, values: [b?.p50, b?.p95, b?.p99, base?.p50, base?.p95, base?.p99] };
    }),
  );
  const throughputGroups = [
    ...r.throughput.map((t) => ({ label: t.target === 'baseline' ? 'bare Socket.IO' : `Bidwire ${t.database}`, values: [t.bidsPerSecond] })),
    ...r.raw.map((x) => ({ label: `raw ${x.database}${x.connections > 1 ? ` ×${x.connections}` : ''}`, values: [x.bidsPerSecond] })),
  ];
  const throughput = barChart('Accepted bids per second (10 viewers)', 'bids/s', [{ label: 'bids/s', color: '#2563eb' }], throughputGroups);
  const memory = barChart(
    'Server RSS per idle connection',
    'KB',
    [{ label: 'KB per connection', color: '#059669' }],
    r.connections.map((c) => ({ label: `${c.target === 'baseline' ? 'bare Socket.IO' : 'Bidwire'} (${c.connected.toLocaleString('en-US')})`, values: [Math.round(c.bytesPerConnection / 102.4) / 10] })),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bidwire benchmarks — ${esc(r.mode)} — ${esc(r.startedAt)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 1000px; margin: 2rem auto; padding: 0 1rem; color: #111; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 14px; }
th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
code { background: #f3f4f6; padding: 0 3px; }
figure { margin: 1.5rem 0; }
</style></head><body>
<h1>Bidwire benchmarks</h1>
<figure>${latency}</figure>
<figure>${throughput}</figure>
<figure>${memory}</figure>
${markdownToHtml(markdown)}
</body></html>
`;
}
