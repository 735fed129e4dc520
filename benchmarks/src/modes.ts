// The three sizes of a run: smoke (CI keeps the harness alive, < 60 s), quick (< 3 min), full.
export type Mode = 'smoke' | 'quick' | 'full';

export interface ModeParams {
  /** Each step: `viewers` viewers while bidders place `bidsPerSecond` bids/s. */
  fanout: { steps: { viewers: number; bidsPerSecond: number }[]; durationMs: number; warmupMs: number; bidders: number };
  throughput: { durationMs: number; inflight: number; bidders: number; viewers: number };
  rawMs: number;
  connections: number;
  eventSizeAt: number[];
}

export const MODES: Record<Mode, ModeParams> = {
  smoke: {
    fanout: { steps: [{ viewers: 20, bidsPerSecond: 20 }], durationMs: 2_000, warmupMs: 500, bidders: 4 },
    throughput: { durationMs: 2_000, inflight: 8, bidders: 8, viewers: 10 },
    rawMs: 1_000,
    connections: 200,
    eventSizeAt: [10, 100, 1_000],
  },
  quick: {
    fanout: { steps: [{ viewers: 100, bidsPerSecond: 100 }, { viewers: 1_000, bidsPerSecond: 20 }, { viewers: 1_000, bidsPerSecond: 100 }], durationMs: 5_000, warmupMs: 1_000, bidders: 10 },
    throughput: { durationMs: 5_000, inflight: 8, bidders: 16, viewers: 10 },
    rawMs: 3_000,
    connections: 2_000,
    eventSizeAt: [10, 1_000, 10_000],
  },
  full: {
    fanout: {
      steps: [100, 1_000, 5_000].flatMap((viewers) => [{ viewers, bidsPerSecond: 20 }, { viewers, bidsPerSecond: 100 }]),
      durationMs: 15_000, warmupMs: 2_000, bidders: 10 },
    throughput: { durationMs: 15_000, inflight: 8, bidders: 16, viewers: 10 },
    rawMs: 10_000,
    connections: 10_000,
    eventSizeAt: [10, 1_000, 10_000],
  },
};
