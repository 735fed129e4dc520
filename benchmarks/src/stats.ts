// Percentile summaries of latency samples (milliseconds).

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  let sum = 0;
  for (const x of sorted) sum += x;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  };
}

/** The same summary of samples given as [value, how many]: for counts too large to hold one by one. */
export function summarizeHistogram(buckets: readonly (readonly [number, number])[]): Summary {
  const sorted = buckets.filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (q: number) => {
    const rank = Math.max(1, Math.ceil(q * n)); // the same rank as summarize's
    let seen = 0;
    for (const [value, count] of sorted) if ((seen += count) >= rank) return value;
    return sorted[sorted.length - 1]![0];
  };
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]![0]),
    mean: round(sorted.reduce((sum, [value, count]) => sum + value * count, 0) / n),
  };
}

/** a / b rounded to two decimals (NaN when either side is missing). */
export const ratio = (a: number | undefined, b: number | undefined): number =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? NaN : Math.round((a / b) * 100) / 100;

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
