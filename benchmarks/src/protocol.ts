// Messages between the orchestrator (main process) and its child processes: load workers and servers.

/** Viewers: connect, join the auction, then timestamp every `bidPlaced` by its (unique) amount. */
export interface ViewersJob {
  role: 'viewers';
  url: string;
  tokens: string[];
  auctionId: string;
  /** Many auctions: the auction of each token (in place of `auctionId`). */
  auctionIds?: string[];
  /** bidCount values at which to keep the size of the `bidPlaced` frame (event-size scenario). */
  sizeAt?: number[];
}

export type BidPacing =
  | { kind: 'rate'; perSecond: number; durationMs: number; warmupMs: number }
  | { kind: 'closed'; inflight: number; durationMs: number; untilBidCount?: number };

/** Bidders: connect, join, then place strictly increasing bids at a rate or as fast as acks allow. */
export interface BiddersJob {
  role: 'bidders';
  url: string;
  tokens: string[];
  auctionId: string;
  /** Many auctions: the auction each bidder (token) bids on, in place of `auctionId`. Amounts rise across all. */
  auctionIds?: string[];
  startAmount: number;
  pacing: BidPacing;
  /** How much each bid adds to the one before (default 1). */
  amountStep?: number;
  /** Half the bidders (every second socket) state a maximum `over` their amount. */
  maxima?: { over: number };
}

/** Idle connections: connect them all (bounded concurrency), each joined to `auctionId` when given, then hold them until stopped. */
export interface IdleJob {
  role: 'idle';
  url: string;
  tokens: string[];
  concurrency: number;
  auctionId?: string;
}

/** Prober: one socket sending `timeSync` every `intervalMs`, timing each round trip (another user's view of the server). */
export interface ProberJob {
  role: 'prober';
  url: string;
  token: string;
  intervalMs: number;
}

/** Resync flood: one socket asking `resync { afterSeq: 0 }` on the auction at `perSecond`, whatever the answers. */
export interface ResyncFloodJob {
  role: 'resyncFlood';
  url: string;
  token: string;
  auctionId: string;
  perSecond: number;
}

/**
 * Reconnect storm: every token connects at once (up to `inflight` in progress), joins the auction, then resyncs
 * the auction room after `afterSeq` (following pages) until it has `untilSeq`. Runs on `go`.
 */
export interface StormJob {
  role: 'storm';
  url: string;
  tokens: string[];
  auctionId: string;
  afterSeq: number;
  untilSeq: number;
  inflight: number;
}

export type Job = ViewersJob | BiddersJob | IdleJob | ProberJob | ResyncFloodJob | StormJob;

/** `stop` to a viewers worker may carry the measured bids' emit times ([amount, emit time]): it then answers `delivery`. */
export type ToWorker = { type: 'job'; job: Job } | { type: 'go' } | { type: 'count' } | { type: 'stop'; emits?: [number, number][] };

export interface ViewersResult {
  /** [amount, viewers that received it, latest receipt time (ms)] */
  amounts: [number, number, number][];
  perViewer: number[];
  /** bidCount -> { frame, payload } bytes */
  sizes: Record<number, { frameBytes: number; payloadBytes: number; normalizedBytes: number }>;
  disconnects: number;
  /** The worker's own event-loop delay p99 from its viewers' joins on, ms (a busy generator delays receipts: figures then mean less). */
  loopLagP99Ms?: number;
  /** Every receipt of a bid whose emit time `stop` gave: [latency in tenths of a ms, receipts], a histogram. */
  delivery?: [number, number][];
}

export interface BiddersResult {
  /** [amount, emit time, ack time, accepted (1/0), measured (1/0)] */
  bids: [number, number, number, number, number][];
  rejections: Record<string, number>;
  startedAt: number;
  endedAt: number;
  measuredFrom: number;
  /** The worker's own event-loop delay p99 from its first bid, ms (a busy bidder delays emits and acks). */
  loopLagP99Ms: number;
}

export interface IdleResult {
  connected: number;
  failed: number;
  connectMs: number;
  firstError?: string;
}

export interface ProberResult {
  /** Round trips (ms) of the answered `timeSync`s; `unanswered` were still waiting when the job stopped. */
  rtts: number[];
  unanswered: number;
}

export interface ResyncFloodResult {
  sent: number;
  /** [round trip ms, ack frame characters (≈ bytes), events in the page] of each answered page. */
  pages: [number, number, number][];
  /** Answers that were errors, by code (RATE_LIMITED when the server's limit bites). */
  refused: Record<string, number>;
  unanswered: number;
}

export interface StormResult {
  /** Per client, when (nowMs) it was [connected, joined, caught up]; NaN where it failed. */
  clients: [number, number, number][];
  /** When (nowMs) this worker started its connections. */
  startedAt: number;
  failed: number;
  firstError?: string;
  /** Events received by resync, all clients together. */
  resyncedEvents: number;
  /** The worker's own event-loop delay p99 over the storm, ms. */
  loopLagP99Ms: number;
}

export type FromWorker =
  | { type: 'ready'; connectMs: number; failed: number; firstError?: string }
  | { type: 'count'; received: number }
  | { type: 'done' }
  | { type: 'result'; result: ViewersResult | BiddersResult | IdleResult | ProberResult | ResyncFloodResult | StormResult }
  | { type: 'error'; message: string };

/** Server children: `ready` with the port once listening; answer the parent's requests by id. */
export type ServerRequest =
  | { type: 'createUsers'; users: { id: string; name: string }[] }
  | { type: 'countBids'; lotId: string; auto?: boolean }
  | { type: 'gc' }
  /** A full GC, then the V8 heap in use (bytes). */
  | { type: 'heap' };

export type ToServer = (ServerRequest & { id: number }) | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'failed'; message: string };
