// The Markdown report: one table per scenario, every Bidwire figure beside the baseline's with the ratio.
import { cpuMsPerAcceptedBid, cpuMsPerMeasuredBid, type RunResults } from './results.js';
import type { DurableSystem } from './scenarios/durable-bare.js';
import { ratio } from './stats.js';

const n = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const mark = (met: boolean | null) => (met === null ? '—' : met ? '✅' : '❌');
/** A load generator's event-loop delay p99; past 50 ms its own slowness is in the figures beside it: marked. */
const LAG_MARK_MS = 50;
const LAG_NOTE = `⚠ high: the load generator's own event loop was delayed by more than ${LAG_MARK_MS} ms (p99) in that run, so its figures include the generator's slowness, not only the server's.`;
const lag = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${n(ms)} ms${ms > LAG_MARK_MS ? ' ⚠ high' : ''}`);

const DURABLE_LABEL: Record<DurableSystem, string> = {
  bidwire: 'Bidwire',
  'bare-durable': 'bare Socket.IO + the bid\'s SQLite commit',
  bare: 'bare Socket.IO',
};

/** Bidwire beside the bare server that persists each bid and the plain bare server (durable-bare.ts). */
function durableWriteTable(r: RunResults): string[] {
  const steps = r.durableWrite ?? [];
  if (steps.length === 0) return [];
  const runs = new Set(steps.map((s) => s.run)).size;
  const out = [
    '',
    '**Beside a bare server that also persists each bid** (`durable`; that server is not one of the issue\'s targets, which compare with the plain bare server, also run here): before its broadcast and ack, that bare server commits the bid\'s rows with the raw SQL ceiling\'s SQLite transaction (the bid, the lot, the `bidPlaced` event and the room\'s seq; WAL, `synchronous=FULL`, one commit and fsync per bid; Bidwire\'s own also writes the `outbid` event and its room\'s seq). Ratios are Bidwire\'s figure over each bare server\'s, same run (with `--runs=N`, N runs interleaved; the targets below take their median):',
    '',
    '| viewers | bids/s | system | last viewer p50 / p99 ms | ack p50 / p99 ms | server CPU ms per accepted bid | Bidwire / this | after the warm-up | Bidwire / this | server peak RSS MiB | persisted / accepted | lost |',
    '|---:|---:|---|---|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const s of steps) {
    const b = steps.find((x) => x.system === 'bidwire' && x.viewers === s.viewers && x.bidsPerSecond === s.bidsPerSecond && x.run === s.run);
    const label = `${DURABLE_LABEL[s.system]}${runs > 1 ? ` (run ${s.run})` : ''}`;
    const cpu = cpuMsPerAcceptedBid(s);
    const steady = cpuMsPerMeasuredBid(s);
    const over = (mine: number, theirs: number) => (s.system === 'bidwire' ? '—' : `${n(ratio(mine, theirs), 2)}×`);
    out.push(
      `| ${s.viewers.toLocaleString('en-US')} | ${s.bidsPerSecond} | ${label} | ${n(s.result.lastViewer.p50)} / ${n(s.result.lastViewer.p99)} | ${n(s.result.ack.p50)} / ${n(s.result.ack.p99)} | ${n(cpu, 2)} | ${over(b ? cpuMsPerAcceptedBid(b) : NaN, cpu)} | ${n(steady, 2)} | ${over(b ? cpuMsPerMeasuredBid(b) : NaN, steady)} | ${n(s.result.serverPeakRssBytes / 2 ** 20, 0)} | ${s.persisted < 0 ? '—' : `${s.persisted} / ${s.result.accepted}`} | ${s.result.lostEvents} |`,
    );
  }
  return out;
}

export function renderMarkdown(r: RunResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Mode \`${r.mode}\`, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.seconds)} s — ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}; load generators, servers and databases share the machine (loopback).`);
  out.push('');
  out.push('**Fan-out latency** (bid emit → received by the LAST viewer; delivery = every viewer\'s receipt; ack = bidder\'s ack), ms, Bidwire / bare Socket.IO (ratio); the server\'s CPU from the first bid until every viewer had every bid, per accepted bid, and its peak RSS (read every 100 ms from the joins on):');
  out.push('');
  out.push('| viewers | bids/s | p50 | p95 | p99 | max | delivery p50 | delivery p99 | ack p50 | ack p99 | server CPU ms per accepted bid | server peak RSS MiB | lost events | generator loop lag p99 |');
  out.push('|---:|---:|---|---|---|---|---|---|---|---|---|---|---:|---|');
  const steps = [...new Map(r.fanout.map((s) => [`${s.viewers}@${s.bidsPerSecond}`, s])).values()];
  for (const { viewers: v, bidsPerSecond: rate } of steps) {
    const b = r.fanout.find((s) => s.viewers === v && s.bidsPerSecond === rate && s.target === 'bidwire');
    const base = r.fanout.find((s) => s.viewers === v && s.bidsPerSecond === rate && s.target === 'baseline');
    const cell = (f: (s: NonNullable<typeof b>) => number, digits = 1) =>
      `${n(b && f(b), digits)} / ${n(base && f(base), digits)} (${n(ratio(b && f(b), base && f(base)), 2)}×)`;
    out.push(
      `| ${v.toLocaleString('en-US')} | ${rate}${b && b.result.accepted < b.result.sent ? ` (${b.result.sent - b.result.accepted} rejected)` : ''} | ${cell((s) => s.result.lastViewer.p50)} | ${cell((s) => s.result.lastViewer.p95)} | ${cell((s) => s.result.lastViewer.p99)} | ${cell((s) => s.result.lastViewer.max)} | ${cell((s) => s.result.delivery?.p50 ?? NaN)} | ${cell((s) => s.result.delivery?.p99 ?? NaN)} | ${cell((s) => s.result.ack.p50)} | ${cell((s) => s.result.ack.p99)} | ${cell(cpuMsPerAcceptedBid, 2)} | ${cell((s) => s.result.serverPeakRssBytes / 2 ** 20, 0)} | ${b?.result.lostEvents ?? 'n/a'} / ${base?.result.lostEvents ?? 'n/a'} | ${lag(b?.result.generatorLagP99Ms)} / ${lag(base?.result.generatorLagP99Ms)} |`,
    );
  }
  if (r.fanout.some((s) => (s.result.generatorLagP99Ms ?? 0) > LAG_MARK_MS)) out.push('', LAG_NOTE);
  out.push(...durableWriteTable(r));
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
      `| ${t.target === 'baseline' ? 'bare Socket.IO (no database)' : `Bidwire, ${t.database}${t.variant ? `, ${t.variant}${t.autoBids ? ` (+${t.autoBids} automatic bids)` : ''}` : ''}`} | ${t.bidsPerSecond.toLocaleString('en-US')} | ${t.target === 'baseline' ? '—' : `${n(ratio(t.bidsPerSecond, raw), 2)}×`} | ${n(ratio(t.bidsPerSecond, baseT?.bidsPerSecond), 2)}× | ${t.result.answeredPerSecond.toLocaleString('en-US')} | ${n(t.result.ack.p50)} / ${n(t.result.ack.p99)} | ${t.persisted < 0 ? '—' : `${t.persisted} / ${t.result.accepted}`} | ${rejected} | ${t.result.lostEvents} |`,
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
  out.push('**Idle authenticated connections**, each joined to the live auction (server VmRSS after a full GC; idle RSS after start: a fresh server on a fresh database, no traffic, 5 s and 20 s after it listens (V8’s memory reducer usually runs in between), Bidwire from its build and the bare server as plain JavaScript, see `idle-rss.ts`):');
  out.push('');
  out.push('| system | idle RSS after start (5 s / 20 s) | connections | connect time | connections/s | RSS per connection | heap per connection |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const c of r.connections) {
    out.push(`| ${c.target === 'baseline' ? 'bare Socket.IO' : 'Bidwire'} | ${n(c.idleRssAfterStart.earlyBytes / 2 ** 20)} / ${n(c.idleRssAfterStart.settledBytes / 2 ** 20)} MiB | ${c.connected.toLocaleString('en-US')}${c.failed ? ` (${c.failed} failed)` : ''} | ${n(c.connectSeconds, 2)} s | ${c.connectionsPerSecond.toLocaleString('en-US')} | ${n(c.bytesPerConnection / 1024)} KB | ${n(c.heapBytesPerConnection / 1024)} KB |`);
  }
  if (r.games) {
    const g = r.games;
    const refusals = Object.entries(g.refusals).map(([code, count]) => `${count} ${code}`).join(', ') || 'none';
    out.push('');
    out.push(`**Auction games** (${g.games} games × ${g.players} players, ${g.rounds} rounds, ${g.bidTimeMs} ms bid timers; each round one sale and a bid from every other player; SQLite):`);
    out.push('');
    out.push('| roundEnded received | settlement lag p50 | p95 | p99 | max | rounds/s | server CPU | refused commands |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|---|');
    out.push(`| ${g.received} / ${g.expected} | ${n(g.lag.p50)} ms | ${n(g.lag.p95)} ms | ${n(g.lag.p99)} ms | ${n(g.lag.max)} ms | ${n(g.roundsPerSecond)} | ${n(g.cpuSeconds, 2)} s in ${n(g.seconds)} s (${n(g.cpuShareOfOneCore * 100, 0)}% of a core) | ${refusals} |`);
    out.push('', 'Settlement lag: from a round’s due time (bidTimeMs after its last accepted bid) to `roundEnded` at each player. Refusals are bids that lost a race (`BID_TOO_LOW`), expected with simultaneous bidders.');
  }
  if (r.eventSize) {
    const e = r.eventSize;
    out.push('');
    out.push(`**\`bidPlaced\` size** (JSON payload bytes) after ${e.bidCounts.map((x) => x.toLocaleString('en-US')).join(' / ')} bids on one lot: ${e.bidCounts.map((x) => `${e.sizes[x]?.payloadBytes ?? '?'} B`).join(' / ')} — ${e.constant ? 'constant (only number widths change)' : '**NOT constant**'}.`);
  }
  const floods = r.resyncFlood ?? [];
  if (floods.length) {
    const p = r.params.resyncFlood;
    out.push('');
    out.push(
      `**Resync flood** (one user sends \`resync { afterSeq: 0 }\` ${p.floodPerSecond}/s on an auction with ${floods[0]!.historyEvents.toLocaleString('en-US')} events, while ${p.viewers} viewers receive ${p.bidsPerSecond} bids/s and another user times \`timeSync\`), ms, quiet → during the flood; "unbounded" lifts the resync page caps and its rate limit (how the server behaved before them):`,
    );
    out.push('');
    out.push('| resync | delivery p50 | delivery p99 | timeSync p50 | timeSync p99 | bid ack p99 | flooder: answered / sent | refused | page size p50 (events, KB) | page round trip p50 |');
    out.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const v of floods) {
      const f = v.flood;
      const pair = (a: number, b: number) => `${n(a)} → ${n(b)}`;
      const refused = Object.entries(f.refused).map(([code, count]) => `${count} ${code}`).join(', ') || '0';
      out.push(
        `| ${v.bounds} | ${pair(v.quiet.delivery.p50, f.delivery.p50)} | ${pair(v.quiet.delivery.p99, f.delivery.p99)} | ${pair(v.quiet.timeSync.p50, f.timeSync.p50)} | ${pair(v.quiet.timeSync.p99, f.timeSync.p99)} | ${pair(v.quiet.bidAck.p99, f.bidAck.p99)} | ${f.answered} / ${f.sent}${f.unanswered ? ` (${f.unanswered} unanswered)` : ''} | ${refused} | ${n(f.pageEvents.p50, 0)}, ${n(f.pageBytes.p50 / 1024)} | ${n(f.pageRtt.p50)} |`,
      );
    }
  }
  const storm = r.reconnectStorm ?? [];
  if (storm.length) {
    const b = storm.find((x) => x.target === 'bidwire');
    const x = storm.find((y) => y.target === 'baseline');
    const cell = (f: (s: NonNullable<typeof b>) => number, d = 2) => `${n(b && f(b), d)} / ${n(x && f(x), d)} (${n(ratio(b && f(b), x && f(x)), 2)}×)`;
    out.push('');
    out.push(
      `**Reconnect storm** (${storm[0]!.clients.toLocaleString('en-US')} clients of one auction reconnect at once to a fresh server, each joins and resyncs the ${storm[0]!.gap} events it missed; the bare server joins the room and answers \`resync\` from memory), Bidwire / bare Socket.IO (ratio):`,
    );
    out.push('');
    out.push('| all connected | all joined | all caught up | connect+join /s | per client caught up p50 | p99 | server CPU | failed | load | generator loop lag p99 |');
    out.push('|---|---|---|---|---|---|---|---|---|---|');
    out.push(
      `| ${cell((s) => s.connectedSeconds)} s | ${cell((s) => s.joinedSeconds)} s | ${cell((s) => s.caughtUpSeconds)} s | ${cell((s) => s.joinsPerSecond, 0)} | ${cell((s) => s.perClient.p50, 0)} ms | ${cell((s) => s.perClient.p99, 0)} ms | ${cell((s) => s.cpuSeconds)} s | ${b?.failed ?? 'n/a'} / ${x?.failed ?? 'n/a'} | ${n(b?.loadavg)} / ${n(x?.loadavg)} | ${lag(b?.generatorLagP99Ms)} / ${lag(x?.generatorLagP99Ms)} |`,
    );
    if (storm.some((y) => y.generatorLagP99Ms > LAG_MARK_MS)) out.push('', LAG_NOTE);
    const err = storm.find((y) => y.firstError)?.firstError;
    if (err) out.push('', `First failure: ${err}`);
  }
  const many = r.manyAuctions ?? [];
  if (many.length) {
    const p = r.params.manyAuctions;
    const bare = many.find((x) => x.target === 'baseline');
    out.push('');
    out.push(
      `**Many auctions** (${p.auctions} live auctions × ${p.viewersPerAuction} viewers, ${p.bidsPerSecondEach} bid/s on each, ${p.durationMs / 1000} s measured; delivery = bid emit → the last viewer of its auction), ratio to the bare server doing the same fan-out:`,
    );
    out.push('');
    out.push('| system | accepted bids/s | delivery p50 | p99 | ack p50 / p99 | server CPU (share of a core) | CPU ms per accepted bid | rejected | lost | load | generator loop lag p99 |');
    out.push('|---|---|---|---|---|---|---|---:|---:|---:|---|');
    const perBid = (x: (typeof many)[number]) => (x.accepted > 0 ? (x.cpuSeconds * 1000) / x.accepted : NaN);
    for (const x of many) {
      const rel = (a: number, c: number | undefined) => (x.target === 'baseline' ? '' : ` (${n(ratio(a, c), 2)}×)`);
      const rejected = Object.values(x.rejections).reduce((a, c) => a + c, 0);
      out.push(
        `| ${x.target === 'baseline' ? 'bare Socket.IO' : `Bidwire, ${x.database}`} | ${x.acceptedPerSecond}${rel(x.acceptedPerSecond, bare?.acceptedPerSecond)} | ${n(x.delivery.p50)}${rel(x.delivery.p50, bare?.delivery.p50)} | ${n(x.delivery.p99)}${rel(x.delivery.p99, bare?.delivery.p99)} | ${n(x.ack.p50)} / ${n(x.ack.p99)} | ${n(x.cpuSeconds, 2)} s (${n(x.cpuShareOfOneCore * 100, 0)}%)${rel(x.cpuSeconds, bare?.cpuSeconds)} | ${n(perBid(x), 2)}${rel(perBid(x), bare && perBid(bare))} | ${rejected} | ${x.lostEvents} | ${n(x.loadavg)} | ${lag(x.generatorLagP99Ms)} |`,
      );
    }
    if (many.some((y) => y.generatorLagP99Ms > LAG_MARK_MS)) out.push('', LAG_NOTE);
    if (r.manyAuctionsPostgres && r.manyAuctionsPostgres !== 'ran') out.push('', `PostgreSQL: ${r.manyAuctionsPostgres}`);
  }
  if (r.comparisons?.length) {
    out.push('');
    out.push('**A/B comparisons** (closed-loop throughput, accepted bids/s; the variants ran interleaved, each on a fresh database; load = 1-minute load average at each run\'s start):');
    out.push('');
    out.push('| comparison | database | variant | runs | median | min–max | load |');
    out.push('|---|---|---|---|---:|---|---|');
    for (const c of r.comparisons) {
      for (const v of c.variants) {
        out.push(`| ${c.name} | ${c.database} | ${v.label} | ${v.runs.join(', ')} | ${v.median.toLocaleString('en-US')} | ${v.min}–${v.max} | ${v.loadavg.map((x) => x.toFixed(1)).join(', ')} |`);
      }
      out.push(`| ${c.name} | ${c.database} | **${c.variants[1].label} / ${c.variants[0].label}** | each pair: ${c.pairRatios.join(', ')} | **${n(c.medianPairRatio, 2)}×** (median pair) | ratio of the medians ${n(c.ratio, 2)}× | |`);
    }
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
