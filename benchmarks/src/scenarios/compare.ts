// A/B comparisons of Bidwire's throughput under two server variants (`--only=writers`, `--only=maxima`): the
// variants run interleaved (A B A B …) on a fresh database each time, so a shared machine's load falls on both
// alike; each variant's runs are kept with their median, spread and the load average when they started.
import os from 'node:os';
import { dropDatabase, freshDatabase } from './postgres.js';
import { runThroughput, type ThroughputParams } from './throughput.js';
import { median } from '../stats.js';

/** A variant: its label, the server environment and the bidding (maxima) that make it. */
export type Variant = NonNullable<ThroughputParams['variant']>;

export interface VariantRuns {
  label: string;
  /** Accepted bids/s of each run, in the order they ran. */
  runs: number[];
  /** The 1-minute load average when each run started. */
  loadavg: number[];
  median: number;
  min: number;
  max: number;
}

export interface Comparison {
  name: string;
  database: 'sqlite' | 'postgresql';
  variants: [VariantRuns, VariantRuns];
  /** Median of the second variant over the median of the first. */
  ratio: number;
  /** Each interleaved pair's second run over its first (the two ran back to back, under the same conditions). */
  pairRatios: number[];
  /** The median of pairRatios: the like-for-like figure. */
  medianPairRatio: number;
}

export async function runComparison(
  name: string,
  database: Comparison['database'],
  variants: [Variant, Variant],
  runs: number,
  params: ThroughputParams,
  log: (msg: string) => void,
): Promise<Comparison> {
  const seen = variants.map(() => ({ runs: [] as number[], loadavg: [] as number[] }));
  for (let i = 0; i < runs; i++) {
    for (const [v, variant] of variants.entries()) {
      const load = Math.round(os.loadavg()[0]! * 100) / 100;
      const scratch = `bidwire_bench_cmp`;
      const url = database === 'postgresql' ? await freshDatabase(scratch) : undefined;
      try {
        const result = await runThroughput('bidwire', database, url, { ...params, variant }, (msg) => log(`${name} ${i + 1}/${runs}: ${msg}`));
        if (result.result.accepted === 0) throw new Error(`${variant.label}: no bid was accepted (${JSON.stringify(result.result.rejections)} rejected)`);
        if (result.persisted !== result.result.accepted) throw new Error(`${variant.label}: ${result.persisted} persisted of ${result.result.accepted} accepted`);
        seen[v]!.runs.push(result.bidsPerSecond);
        seen[v]!.loadavg.push(load);
      } finally {
        if (url) await dropDatabase(scratch).catch(() => {});
      }
    }
  }
  const summary = variants.map((variant, v): VariantRuns => {
    const xs = seen[v]!.runs;
    return { label: variant.label, runs: xs, loadavg: seen[v]!.loadavg, median: Math.round(median(xs)), min: Math.min(...xs), max: Math.max(...xs) };
  }) as [VariantRuns, VariantRuns];
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const ratio = round2(summary[1].median / summary[0].median);
  const pairRatios = summary[1].runs.map((b, i) => round2(b / summary[0].runs[i]!));
  const medianPairRatio = round2(median(pairRatios));
  log(
    `${name}/${database}: ${summary.map((s) => `${s.label} median ${s.median} (${s.min}–${s.max})`).join(', ')}; ratio of the medians ${ratio}, ` +
      `each pair ${pairRatios.join(', ')}, median pair ratio ${medianPairRatio}`,
  );
  return { name, database, variants: summary, ratio, pairRatios, medianPairRatio };
}
