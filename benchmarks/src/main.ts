// `pnpm bench [--smoke | --quick | --full] [--only=fanout,durable,throughput,raw,connections,eventsize,resyncflood,games,storm,many,writers,maxima]
//  [--runs=N] [--profile] [--fanout=200x50,1000x100] [--many=300x10x1]`:
// runs the scenarios against Bidwire and a bare Socket.IO server, then writes JSON, Markdown and HTML.
// `writers` and `maxima` (only when named) are A/B comparisons run N times each, interleaved (default 3); with
// `--runs=N` given, `durable` runs its three servers N times, interleaved, too (default once), and the targets it
// informs are judged on the median of those runs (results.ts).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './machine.js';
import { MODES, type Mode } from './modes.js';
import { formatProfile, summarizeProfile } from './profile-summary.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';
import { checkTargets, type RunResults } from './results.js';
import type { RawResult } from './scenarios/bid-sql.js';
import { runComparison, type Comparison } from './scenarios/compare.js';
import { openFilesLimit, runConnections, type ConnectionsResult } from './scenarios/connections.js';
import { runFanout, type FanoutStep } from './scenarios/fanout.js';
import { runDurableBare, type DurableBareStep } from './scenarios/durable-bare.js';
import { freshDatabase, dropDatabase, PG_ADMIN_URL } from './scenarios/postgres.js';
import { runRawPg } from './scenarios/raw-pg.js';
import { runRawSqlite } from './scenarios/raw-sqlite.js';
import { runResyncFlood, type ResyncFloodVariant } from './scenarios/resync-flood.js';
import { runEventSize, runThroughput, type EventSizeResult, type ThroughputResult } from './scenarios/throughput.js';
import { runGames, type GamesResult } from './scenarios/games.js';
import { runManyAuctions, type ManyAuctionsResult } from './scenarios/many-auctions.js';
import { runReconnectStorm, type ReconnectStormResult } from './scenarios/reconnect-storm.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
const SCENARIOS = ['fanout', 'durable', 'throughput', 'raw', 'connections', 'eventsize', 'resyncflood', 'games', 'storm', 'many'] as const;
/** A/B comparisons: long (several runs each), so they run only when `--only` names them. */
const COMPARISONS = ['writers', 'maxima'] as const;

/**
 * Half the bidders state a maximum 15 above their bid while bids rise by 10: about every second bid is answered by
 * an automatic bid, which never passes the next bid in flight. The plain run bids the same amounts without maxima.
 */
const PLAIN = { label: 'no maxima', env: {}, bidding: { amountStep: 10 } };
const HALF_WITH_MAXIMA = { label: 'half the bidders with maxima', env: {}, bidding: { amountStep: 10, maxima: { over: 15 } } };

const args = process.argv.slice(2);
const mode: Mode = args.includes('--full') ? 'full' : args.includes('--smoke') ? 'smoke' : 'quick';
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const runs = (name: (typeof SCENARIOS)[number]) => !only || only.includes(name);
const compares = (name: (typeof COMPARISONS)[number]) => only?.includes(name) ?? false;
const runsArg = args.find((a) => a.startsWith('--runs='))?.slice(7);
const comparisonRuns = Number(runsArg ?? 3);
const durableRuns = runsArg === undefined ? 1 : comparisonRuns;
const profile = args.includes('--profile');
/** `--fanout=VxR,…`: these fan-out steps (V viewers at R bids/s) instead of the mode's. */
const fanoutSteps = args
  .find((a) => a.startsWith('--fanout='))
  ?.slice(9)
  .split(',')
  .map((step) => {
    const [viewers, bidsPerSecond] = step.split('x').map(Number);
    if (!Number.isInteger(viewers) || !Number.isInteger(bidsPerSecond) || viewers! < 1 || bidsPerSecond! < 1) {
      throw new Error(`--fanout takes steps like 200x50, got "${step}"`);
    }
    return { viewers: viewers!, bidsPerSecond: bidsPerSecond! };
  });
/** `--many=AxVxR`: A auctions × V viewers × R bids/s each, instead of the mode's many-auctions size. */
const manySize = args
  .find((a) => a.startsWith('--many='))
  ?.slice(7)
  .split('x')
  .map(Number);
if (manySize && (manySize.length !== 3 || manySize.some((n) => !Number.isInteger(n) || n < 1))) {
  throw new Error(`--many takes a size like 300x10x1 (auctions × viewers × bids/s each), got "${args.find((a) => a.startsWith('--many='))}"`);
}
for (const name of only ?? []) {
  if (![...SCENARIOS, ...COMPARISONS].includes(name as never)) throw new Error(`unknown scenario "${name}" in --only`);
}
if (!Number.isInteger(comparisonRuns) || comparisonRuns < 1) throw new Error('--runs must be a positive integer');

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

async function main() {
  const params = structuredClone(MODES[mode]);
  if (fanoutSteps) params.fanout.steps = params.durableWrite = fanoutSteps;
  if (manySize) [params.manyAuctions.auctions, params.manyAuctions.viewersPerAuction, params.manyAuctions.bidsPerSecondEach] = manySize as [number, number, number];
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, '-').slice(0, 19);
  const fdLimit = openFilesLimit();
  const machine = describeMachine(fdLimit);
  const notes: string[] = [];
  log(`Bidwire benchmarks, ${mode} mode — ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  if (fdLimit < params.connections + 1_024) {
    const reduced = Math.max(100, fdLimit - 1_024);
    const msg = `open-files limit is ${fdLimit} (ulimit -n): too low for ${params.connections} connections; measuring ${reduced}. Raise it with \`ulimit -n ${params.connections + 2_048}\` before \`pnpm bench\`.`;
    console.warn(`WARNING: ${msg}`);
    notes.push(msg);
    params.connections = reduced;
  }
  const cpuProfDir = profile ? path.join(resultsDir, 'profiles', stamp) : undefined;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });

  const fanout: FanoutStep[] = runs('fanout') ? await runFanout({ ...params.fanout, cpuProfDir }, log) : [];
  const durableWrite: DurableBareStep[] = runs('durable') ? await runDurableBare({ ...params.fanout, steps: params.durableWrite, cpuProfDir }, log, durableRuns) : [];

  const throughput: ThroughputResult[] = [];
  const raw: RawResult[] = [];
  let postgres = { ran: false, message: 'not requested' };
  if (runs('throughput')) {
    throughput.push(await runThroughput('bidwire', 'sqlite', undefined, { ...params.throughput, cpuProfDir }, log));
    throughput.push(await runThroughput('bidwire', 'sqlite', undefined, { ...params.throughput, variant: HALF_WITH_MAXIMA }, log));
    throughput.push(await runThroughput('baseline', 'none', undefined, params.throughput, log));
  }
  if (runs('raw')) raw.push(await runRawSqlite(params.rawMs, log));
  if (runs('throughput') || runs('raw')) postgres = await postgresScenarios(params, raw, throughput, cpuProfDir);

  const connections: ConnectionsResult[] = [];
  if (runs('connections')) {
    for (const kind of ['bidwire', 'baseline'] as const) connections.push(await runConnections(kind, params.connections, log));
  }
  const eventSize: EventSizeResult | null = runs('eventsize') ? await runEventSize(params.eventSizeAt, params.throughput.inflight, log) : null;
  const resyncFlood: ResyncFloodVariant[] = runs('resyncflood') ? await runResyncFlood(params.resyncFlood, log) : [];
  const games: GamesResult | null = runs('games') ? await runGames(params.games, log) : null;
  const reconnectStorm: ReconnectStormResult[] = [];
  if (runs('storm')) {
    for (const kind of ['bidwire', 'baseline'] as const) reconnectStorm.push(await runReconnectStorm(kind, params.reconnectStorm, cpuProfDir, log));
  }
  const manyAuctions = runs('many') ? await manyAuctionsScenarios(params, cpuProfDir) : { results: [], postgres: 'not requested' };

  const comparisons: Comparison[] = [];
  if (compares('writers')) {
    // Group commit either way; only who writes the batch differs.
    const writers = [
      { label: 'direct SQL', env: { BIDWIRE_BID_WRITER: 'direct' } },
      { label: 'Prisma', env: { BIDWIRE_BID_WRITER: 'prisma' } },
    ] as const satisfies Parameters<typeof runComparison>[2];
    for (const database of ['sqlite', 'postgresql'] as const) {
      comparisons.push(await runComparison('bid writer', database, [...writers], comparisonRuns, params.throughput, log));
    }
  }
  if (compares('maxima')) {
    for (const database of ['sqlite', 'postgresql'] as const) {
      comparisons.push(await runComparison('maxima', database, [PLAIN, HALF_WITH_MAXIMA], comparisonRuns, params.throughput, log));
    }
  }

  const partial: Omit<RunResults, 'targets'> = {
    mode,
    params,
    startedAt,
    seconds: Math.round((Date.now() - t0) / 1000),
    machine,
    notes,
    fanout,
    durableWrite,
    throughput,
    raw,
    postgres,
    connections,
    eventSize,
    resyncFlood,
    games,
    reconnectStorm,
    manyAuctions: manyAuctions.results,
    manyAuctionsPostgres: manyAuctions.postgres,
    comparisons,
  };
  const results: RunResults = { ...partial, targets: checkTargets(partial) };
  const markdown = renderMarkdown(results);
  const html = renderHtml(results, markdown);
  mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, `${stamp}-${mode}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.html`, html);
  // Smoke runs (CI) and partial runs never replace the committed latest report.
  if (mode !== 'smoke' && !only && !fanoutSteps && !manySize) {
    writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
    writeFileSync(path.join(resultsDir, 'latest.html'), html);
  }
  console.log(`\n${markdown}`);
  log(`written ${path.relative(process.cwd(), base)}.{json,md,html}${mode !== 'smoke' && !only && !fanoutSteps && !manySize ? ' and results/latest.*' : ''}`);
  if (cpuProfDir) {
    for (const f of readdirSync(cpuProfDir).filter((x) => x.endsWith('.cpuprofile'))) {
      console.log(`\n${formatProfile(summarizeProfile(path.join(cpuProfDir, f)))}`);
    }
  }
}

/** PostgreSQL: raw ceiling whenever the server is reachable; Bidwire on it once the server supports it. */
async function postgresScenarios(
  params: (typeof MODES)[Mode],
  raw: RawResult[],
  throughput: ThroughputResult[],
  cpuProfDir: string | undefined,
): Promise<{ ran: boolean; message: string }> {
  const name = 'bidwire_bench';
  let url: string;
  try {
    url = await freshDatabase(name);
  } catch (error) {
    const message = `skipped: PostgreSQL not reachable at ${PG_ADMIN_URL} (${(error as Error).message}); set BENCH_PG_URL to an admin URL.`;
    log(`postgresql ${message}`);
    return { ran: false, message };
  }
  try {
    if (runs('raw')) {
      raw.push(await runRawPg(params.rawMs, 1, log));
      raw.push(await runRawPg(params.rawMs, 8, log));
    }
    if (!runs('throughput')) return { ran: false, message: 'Bidwire on PostgreSQL not requested' };
    try {
      throughput.push(await runThroughput('bidwire', 'postgresql', url, { ...params.throughput, cpuProfDir }, log));
      await dropDatabase(name);
      url = await freshDatabase(name);
      throughput.push(await runThroughput('bidwire', 'postgresql', url, { ...params.throughput, variant: HALF_WITH_MAXIMA }, log));
      return { ran: true, message: 'ran' };
    } catch (error) {
      const message = `Bidwire on PostgreSQL skipped: the server did not start with DATABASE_URL=postgresql://… (${(error as Error).message.split('\n')[0]}). The raw PostgreSQL ceiling above was measured; the scenario runs as soon as the server supports PostgreSQL.`;
      log(message);
      return { ran: false, message };
    }
  } finally {
    await dropDatabase(name).catch(() => {});
  }
}

/** Many auctions on SQLite, PostgreSQL (skipped with a message when unreachable) and the bare server. */
async function manyAuctionsScenarios(params: (typeof MODES)[Mode], cpuProfDir: string | undefined): Promise<{ results: ManyAuctionsResult[]; postgres: string }> {
  const p = params.manyAuctions;
  const results = [await runManyAuctions('bidwire', 'sqlite', undefined, p, cpuProfDir, log)];
  const name = 'bidwire_bench_many';
  let url: string | undefined;
  let postgres = 'ran';
  try {
    url = await freshDatabase(name);
  } catch (error) {
    postgres = `skipped: PostgreSQL not reachable at ${PG_ADMIN_URL} (${(error as Error).message}); set BENCH_PG_URL to an admin URL.`;
    log(`many auctions, postgresql ${postgres}`);
  }
  if (url) {
    try {
      results.push(await runManyAuctions('bidwire', 'postgresql', url, p, cpuProfDir, log));
    } finally {
      await dropDatabase(name).catch(() => {});
    }
  }
  results.push(await runManyAuctions('baseline', 'none', undefined, p, cpuProfDir, log));
  return { results, postgres };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
