// Messages between the orchestrator (main process) and its child processes: load workers and servers.

/** Viewers: connect, join the auction, then timestamp every `bidPlaced` by its (unique) amount. */
export interface ViewersJob {
  role: 'viewers';
  url: string;
  tokens: string[];
  auctionId: string;
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
  startAmount: number;
  pacing: BidPacing;
}

/** Idle connections: connect them all (bounded concurrency), then hold them until stopped. */
export interface IdleJob {
  role: 'idle';
  url: string;
  tokens: string[];
  concurrency: number;
}

export type Job = ViewersJob | BiddersJob | IdleJob;

export type ToWorker = { type: 'job'; job: Job } | { type: 'go' } | { type: 'count' } | { type: 'stop' };

export interface ViewersResult {
  /** [amount, viewers that received it, latest receipt time (ms)] */
  amounts: [number, number, number][];
  perViewer: number[];
  /** bidCount -> { frame, payload } bytes */
  sizes: Record<number, { frameBytes: number; payloadBytes: number; normalizedBytes: number }>;
  disconnects: number;
}

export interface BiddersResult {
  /** [amount, emit time, ack time, accepted (1/0), measured (1/0)] */
  bids: [number, number, number, number, number][];
  rejections: Record<string, number>;
  startedAt: number;
  endedAt: number;
  measuredFrom: number;
}

export interface IdleResult {
  connected: number;
  failed: number;
  connectMs: number;
  firstError?: string;
}

export type FromWorker =
  | { type: 'ready'; connectMs: number; failed: number; firstError?: string }
  | { type: 'count'; received: number }
  | { type: 'done' }
  | { type: 'result'; result: ViewersResult | BiddersResult | IdleResult }
  | { type: 'error'; message: string };

/** Server children: `ready` with the port once listening; answer the parent's requests by id. */
export type ServerRequest =
  | { type: 'createUsers'; users: { id: string; name: string }[] }
  | { type: 'countBids'; lotId: string }
  | { type: 'gc' };

export type ToServer = (ServerRequest & { id: number }) | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'failed'; message: string };
