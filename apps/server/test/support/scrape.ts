// Reads GET /metrics like Prometheus would, through an independent parser of the text format, and answers
// the value of a series (summed over the samples whose labels include the ones asked for).
import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';

export interface Scrape {
  text: string;
  families: Family[];
  /** A counter or gauge; for a histogram, its count. 0 when no sample matches. */
  value(name: string, labels?: Record<string, string>): number;
  /** Every sample's labels of a family (to check default labels such as `node`). */
  labelSets(name: string): Record<string, string>[];
}

export async function scrape(baseUrl: string): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
  const contentType = res.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/plain; version=0.0.4')) throw new Error(`unexpected content type ${contentType}`);
  const text = await res.text();
  const families = parsePrometheusTextFormat(text); // throws on any line that is not valid text format
  // The parser folds a histogram's labelled series into one (it keeps no labels, count or sum per series).
  // Read once more with histograms declared untyped: each `_bucket`/`_sum`/`_count` is then a family of its
  // own with its labels (one per label set, as the series come bucket, sum, count per label set), so a
  // histogram's count by label is in the `<name>_count` families.
  const flat = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
  const histograms = new Set(families.filter((f) => f.type === 'HISTOGRAM').map((f) => f.name));
  const samples = (name: string) =>
    histograms.has(name)
      ? flat.filter((f) => f.name === `${name}_count`).flatMap((f) => f.metrics)
      : (families.find((f) => f.name === name)?.metrics ?? []);
  return {
    text,
    families,
    value(name, labels = {}) {
      let total = 0;
      for (const s of samples(name)) {
        if (!Object.entries(labels).every(([k, v]) => s.labels?.[k] === v)) continue;
        total += Number(s.value ?? 0);
      }
      return total;
    },
    labelSets: (name) => samples(name).map((s) => s.labels ?? {}),
  };
}
