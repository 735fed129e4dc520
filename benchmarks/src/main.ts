// `pnpm bench [--smoke | --quick | --full] [--only=fanout,throughput,raw,connections,eventsize] [--profile]`:
// runs the scenarios against Bidwire and a bare Socket.IO server, then writes JSON, Markdown and HTML.
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
import { openFilesLimit, runConnections, type ConnectionsResult } from './scenarios/connections.js';
import { runFanout, type FanoutStep } from './scenarios/fanout.js';
import { freshDatabase, dropDatabase, PG_ADMIN_URL } from './scenarios/postgres.js';
import { runRawPg } from './scenarios/raw-pg.js';
import { runRawSqlite } from './scenarios/raw-sqlite.js';
import { runEventSize, runThroughput, type EventSizeResult, type ThroughputResult } from './scenarios/throughput.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
const SCENARIOS = ['fanout', 'throughput', 'raw', 'connections', 'eventsize'] as const;

const args = process.argv.slice(2);
const mode: Mode = args.includes('--full') ? 'full' : args.includes('--smoke') ? 'smoke' : 'quick';
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const runs = (name: (typeof SCENARIOS)[number]) => !only || only.includes(name);
const profile = args.includes('--profile');

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

async function main() {
  const params = structuredClone(MODES[mode]);
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

  const throughput: ThroughputResult[] = [];
  const raw: RawResult[] = [];
  let postgres = { ran: false, message: 'not requested' };
  if (runs('throughput')) {
    throughput.push(await runThroughput('bidwire', 'sqlite', undefined, { ...params.throughput, cpuProfDir }, log));
    throughput.push(await runThroughput('baseline', 'none', undefined, params.throughput, log));
  }
  if (runs('raw')) raw.push(await runRawSqlite(params.rawMs, log));
  if (runs('throughput') || runs('raw')) postgres = await postgresScenarios(params, raw, throughput, cpuProfDir);

  const connections: ConnectionsResult[] = [];
  if (runs('connections')) {
    for (const kind of ['bidwire', 'baseline'] as const) connections.push(await runConnections(kind, params.connections, log));
  }
  const eventSize: EventSizeResult | null = runs('eventsize') ? await runEventSize(params.eventSizeAt, params.throughput.inflight, log) : null;

  const partial: Omit<RunResults, 'targets'> = {
    mode,
    params,
    startedAt,
    seconds: Math.round((Date.now() - t0) / 1000),
    machine,
    notes,
    fanout,
    throughput,
    raw,
    postgres,
    connections,
    eventSize,
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
  if (mode !== 'smoke' && !only) {
    writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
    writeFileSync(path.join(resultsDir, 'latest.html'), html);
  }
  console.log(`\n${markdown}`);
  log(`written ${path.relative(process.cwd(), base)}.{json,md,html}${mode !== 'smoke' && !only ? ' and results/latest.*' : ''}`);
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
