// The three sizes of a run: smoke (CI keeps the harness alive, < 60 s), quick (< 3 min), full.
import type { ManyAuctionsParams } from './scenarios/many-auctions.js';
import type { ReconnectStormParams } from './scenarios/reconnect-storm.js';
import type { ResyncFloodParams } from './scenarios/resync-flood.js';

export type Mode = 'smoke' | 'quick' | 'full';

export interface ModeParams {
  /** Each step: `viewers` viewers while bidders place `bidsPerSecond` bids/s. */
  fanout: { steps: { viewers: number; bidsPerSecond: number }[]; durationMs: number; warmupMs: number; bidders: number };
  /** Fan-out steps (timing and bidders as `fanout`) run also against a bare server that persists each bid. */
  durableWrite: { viewers: number; bidsPerSecond: number }[];
  throughput: { durationMs: number; inflight: number; bidders: number; viewers: number };
  rawMs: number;
  connections: number;
  eventSizeAt: number[];
  resyncFlood: ResyncFloodParams;
  /** Auction games at once: G games × P players, R rounds each, bid timers of bidTimeMs. */
  games: { games: number; players: number; rounds: number; bidTimeMs: number };
  /** N clients of one auction reconnect at once and each resyncs `gap` events. */
  reconnectStorm: ReconnectStormParams;
  /** A auctions × V viewers, each auction's bidder at R bids/s; on SQLite and PostgreSQL. */
  manyAuctions: ManyAuctionsParams;
}

export const MODES: Record<Mode, ModeParams> = {
  smoke: {
    fanout: { steps: [{ viewers: 20, bidsPerSecond: 20 }], durationMs: 2_000, warmupMs: 500, bidders: 4 },
    durableWrite: [{ viewers: 20, bidsPerSecond: 20 }],
    throughput: { durationMs: 2_000, inflight: 8, bidders: 8, viewers: 10 },
    rawMs: 1_000,
    connections: 200,
    eventSizeAt: [10, 100, 1_000],
    resyncFlood: { historyEvents: 200, viewers: 5, bidders: 2, bidsPerSecond: 10, durationMs: 1_000, warmupMs: 300, floodPerSecond: 19, variants: ['bounded'] },
    games: { games: 5, players: 4, rounds: 2, bidTimeMs: 1_000 },
    reconnectStorm: { clients: 100, gap: 50, inflight: 250 },
    manyAuctions: { auctions: 10, viewersPerAuction: 3, bidsPerSecondEach: 1, durationMs: 2_000, warmupMs: 500 },
  },
  quick: {
    fanout: { steps: [{ viewers: 100, bidsPerSecond: 100 }, { viewers: 200, bidsPerSecond: 50 }, { viewers: 1_000, bidsPerSecond: 20 }, { viewers: 1_000, bidsPerSecond: 100 }], durationMs: 5_000, warmupMs: 1_000, bidders: 10 },
    durableWrite: [{ viewers: 200, bidsPerSecond: 50 }],
    throughput: { durationMs: 5_000, inflight: 8, bidders: 16, viewers: 10 },
    rawMs: 3_000,
    connections: 2_000,
    eventSizeAt: [10, 1_000, 10_000],
    // The probe: 3,371 events, 19 resyncs/s.
    resyncFlood: { historyEvents: 3_400, viewers: 100, bidders: 4, bidsPerSecond: 20, durationMs: 5_000, warmupMs: 1_000, floodPerSecond: 19, variants: ['bounded', 'unbounded'] },
    games: { games: 50, players: 4, rounds: 3, bidTimeMs: 1_000 },
    reconnectStorm: { clients: 1_000, gap: 50, inflight: 250 },
    manyAuctions: { auctions: 100, viewersPerAuction: 10, bidsPerSecondEach: 1, durationMs: 5_000, warmupMs: 1_000 },
  },
  full: {
    fanout: {
      steps: [100, 1_000, 5_000].flatMap((viewers) => [{ viewers, bidsPerSecond: 20 }, { viewers, bidsPerSecond: 100 }]).concat({ viewers: 200, bidsPerSecond: 50 }),
      durationMs: 15_000, warmupMs: 2_000, bidders: 10 },
    durableWrite: [{ viewers: 200, bidsPerSecond: 50 }],
    throughput: { durationMs: 15_000, inflight: 8, bidders: 16, viewers: 10 },
    rawMs: 10_000,
    connections: 10_000,
    eventSizeAt: [10, 1_000, 10_000],
    resyncFlood: { historyEvents: 3_400, viewers: 500, bidders: 4, bidsPerSecond: 20, durationMs: 15_000, warmupMs: 2_000, floodPerSecond: 19, variants: ['bounded', 'unbounded'] },
    games: { games: 200, players: 4, rounds: 5, bidTimeMs: 1_000 },
    reconnectStorm: { clients: 5_000, gap: 50, inflight: 250 },
    manyAuctions: { auctions: 300, viewersPerAuction: 10, bidsPerSecondEach: 1, durationMs: 15_000, warmupMs: 2_000 },
  },
};
