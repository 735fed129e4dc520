// What the load worker's jobs share: the IPC send, the worker's own event-loop delay, connecting a crowd of
// sockets, joining them, and the orchestrator's control (go, stop, count).
import { BenchSocket } from './bench-socket.js';
import type { FromWorker } from './protocol.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowMs, pool } from './util.js';

export const send = (msg: FromWorker) => process.send?.(msg);
/** This process's event-loop delay, from the job's start (from the joins on for viewers, from the first bid for bidders): a saturated generator is reported, not hidden. */
export const loopDelay = monitorEventLoopDelay({ resolution: 10 });
export const loopLagP99Ms = () => Math.round(loopDelay.percentile(99) / 1e4) / 100;
export const CONNECT_CONCURRENCY = 64;

/** Connects one socket per token; failures are counted, not fatal. */
export async function connectAll(url: string, tokens: string[], concurrency: number, each?: (s: BenchSocket, index: number) => Promise<void>) {
  const started = nowMs();
  let failed = 0;
  let firstError: string | undefined;
  const sockets = await pool(tokens, concurrency, async (token, index) => {
    let s: BenchSocket | undefined;
    try {
      s = await BenchSocket.connect(url, token);
      if (each) await each(s, index);
      return s;
    } catch (error) {
      s?.close();
      failed++;
      firstError ??= (error as Error).message;
      return undefined;
    }
  });
  return { sockets: sockets.filter((s): s is BenchSocket => s !== undefined), failed, firstError, connectMs: nowMs() - started };
}

/** Joins `auctionId`, or each socket's own auction when `auctionIds` is given (many auctions). */
export const joiner = (auctionId: string, auctionIds?: string[]) => async (s: BenchSocket, index: number) => {
  const res = await s.request('joinAuction', { auctionId: auctionIds?.[index] ?? auctionId });
  if (!res.ok) throw new Error(`joinAuction refused: ${res.error?.code} ${res.error?.message}`);
};

export interface Control {
  go: Promise<void>;
  stopped: Promise<void>;
  isStopped(): boolean;
  onCount?: () => number;
  /** The emit times `stop` gave (viewers: to answer every receipt's delivery latency). */
  emits?: [number, number][];
}
