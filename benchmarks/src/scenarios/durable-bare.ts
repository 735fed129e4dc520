// Bidwire beside a bare Socket.IO server that also persists each bid: before its broadcast and ack, the bare
// server commits the bid's rows with the raw SQL ceiling's SQLite transaction (sqlite-bid-transaction.ts: the
// bid, the lot, the bidPlaced event and the room's seq; WAL, synchronous=FULL, one commit and fsync per bid;
// Bidwire's own also writes the outbid event and its room's seq). Same fan-out load as
// fanout.ts, the plain bare server in the same run beside both. The committing bare server is not one of the
// issue's targets (they compare with the plain bare server, whose runs here count for them, results.ts): it tells
// the cost of the durable write apart from the rest of Bidwire's.
// With `runs` > 1 the three systems run that many times, interleaved (Bidwire, bare + commit, bare, then again), so a
// shared machine's load falls on all three alike and a figure as noisy as CPU per bid is judged on the median of
// its runs (results.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BidLoadResult } from './bid-load.js';
import { runFanoutStep, type FanoutParams } from './fanout.js';
import { seedRawSqlite } from './raw-sqlite.js';
import { openRawSqlite, type RawSqliteSeed } from './sqlite-bid-transaction.js';

/** The systems of one step, in the order they run. */
const DURABLE_SYSTEMS = ['bidwire', 'bare-durable', 'bare'] as const;
export type DurableSystem = (typeof DURABLE_SYSTEMS)[number];

export interface DurableBareStep {
  system: DurableSystem;
  viewers: number;
  bidsPerSecond: number;
  durationMs: number;
  result: BidLoadResult;
  /** bare-durable: the bid rows in its file after the run (every accepted bid must be one); -1 for the others. */
  persisted: number;
  /** Which of the interleaved runs (1-based); absent from older result files. */
  run?: number;
}

const bidRows = (seed: RawSqliteSeed): number => {
  const db = openRawSqlite(seed.file);
  try {
    return Number((db.prepare(`SELECT COUNT(*) AS n FROM "Bid"`).get() as { n: number }).n);
  } finally {
    db.close();
  }
};

export async function runDurableBare(p: FanoutParams, log: (msg: string) => void, runs = 1): Promise<DurableBareStep[]> {
  const steps: DurableBareStep[] = [];
  for (const step of p.steps) {
    for (let run = 1; run <= runs; run++) {
      for (const system of DURABLE_SYSTEMS) steps.push(await runSystem(system, step, run));
    }
  }
  return steps;

  async function runSystem(system: DurableSystem, step: FanoutParams['steps'][number], run: number): Promise<DurableBareStep> {
    const which = runs > 1 ? ` run ${run}/${runs}` : '';
    const say = (msg: string) => log(`durable write${which} ${system} V=${step.viewers} R=${step.bidsPerSecond}/s: ${msg}`);
    const dir = system === 'bare-durable' ? mkdtempSync(path.join(tmpdir(), 'bidwire-bare-durable-')) : undefined;
    try {
      const seed = dir ? await seedRawSqlite(path.join(dir, 'bare.db')) : undefined;
      const env = seed ? { BENCH_BARE_DURABLE: JSON.stringify(seed) } : undefined;
      const result = await runFanoutStep(system === 'bidwire' ? 'bidwire' : 'baseline', step, p, say, env);
      const persisted = seed ? bidRows(seed) : -1;
      if (seed) say(`${persisted} bid rows committed for ${result.accepted} accepted bids`);
      return { system, ...step, durationMs: p.durationMs, result, persisted, run };
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}
