// Scenario 3: C idle authenticated connections, each joined to the live auction — server RSS per connection
// (VmRSS of the server process, after a full GC, before and after) and the time to connect them all; plus the
// server's idle RSS right after start (idle-rss.ts).
import { readFileSync } from 'node:fs';
import { startWorker } from '../children.js';
import type { IdleResult } from '../protocol.js';
import { nowMs } from '../util.js';
import { idleRssAfterStart, type IdleRss } from './idle-rss.js';
import { prepareTarget, type TargetKind } from './target.js';

export interface ConnectionsResult {
  target: TargetKind;
  requested: number;
  connected: number;
  failed: number;
  firstError?: string;
  connectSeconds: number;
  connectionsPerSecond: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  bytesPerConnection: number;
  /** The V8 heap in use after a full GC, before and after, per connection: steadier than RSS, which moves by whole heap pages. */
  heapBytesPerConnection: number;
  /** VmRSS of a freshly started server that had no traffic, 5 s and 20 s after it listens (idle-rss.ts). */
  idleRssAfterStart: IdleRss;
}

export async function runConnections(kind: TargetKind, count: number, log: (msg: string) => void): Promise<ConnectionsResult> {
  const say = (msg: string) => log(`connections ${kind} C=${count}: ${msg}`);
  const idle = await idleRssAfterStart(kind);
  say(`idle RSS after start ${(idle.earlyBytes / 2 ** 20).toFixed(0)} MiB at 5 s, ${(idle.settledBytes / 2 ** 20).toFixed(0)} MiB at 20 s`);
  say('starting server');
  const target = await prepareTarget({ kind, viewers: count, bidders: 0 });
  try {
    // One connection first so lazily loaded code is not counted as per-connection memory.
    const auctionId = target.lot.auctionId;
    const warm = startWorker<IdleResult>({ role: 'idle', url: target.server.url, tokens: target.viewers.slice(0, 10).map((u) => u.token), concurrency: 10, auctionId });
    await warm.ready;
    await warm.stop();
    const rssBeforeBytes = await target.server.settledRss();
    const heapBefore = Number(await target.server.request({ type: 'heap' }));
    const t0 = nowMs();
    const tokens = target.viewers.map((u) => u.token);
    const halves = [tokens.filter((_, i) => i % 2 === 0), tokens.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
    const workers = halves.map((h) => startWorker<IdleResult>({ role: 'idle', url: target.server.url, tokens: h, concurrency: 100, auctionId }));
    const ready = await Promise.all(workers.map((w) => w.ready));
    const connectSeconds = (nowMs() - t0) / 1000;
    const failed = ready.reduce((n, r) => n + r.failed, 0);
    const connected = count - failed;
    say(`${connected} connected in ${connectSeconds.toFixed(1)} s${failed ? ` (${failed} failed: ${ready.find((r) => r.firstError)?.firstError})` : ''}`);
    const rssAfterBytes = await target.server.settledRss();
    const heapAfter = Number(await target.server.request({ type: 'heap' }));
    await Promise.all(workers.map((w) => w.stop()));
    const bytesPerConnection = connected > 0 ? Math.round((rssAfterBytes - rssBeforeBytes) / connected) : NaN;
    const heapBytesPerConnection = connected > 0 ? Math.round((heapAfter - heapBefore) / connected) : NaN;
    say(`RSS ${(rssBeforeBytes / 2 ** 20).toFixed(0)} -> ${(rssAfterBytes / 2 ** 20).toFixed(0)} MiB: ${(bytesPerConnection / 1024).toFixed(1)} KB per connection (heap ${(heapBytesPerConnection / 1024).toFixed(1)} KB)`);
    const firstError = ready.find((r) => r.firstError)?.firstError;
    return {
      target: kind,
      requested: count,
      connected,
      failed,
      ...(firstError ? { firstError } : {}),
      connectSeconds: Math.round(connectSeconds * 100) / 100,
      connectionsPerSecond: Math.round(connected / connectSeconds),
      rssBeforeBytes,
      rssAfterBytes,
      bytesPerConnection,
      heapBytesPerConnection,
      idleRssAfterStart: idle,
    };
  } finally {
    await target.close();
  }
}

/** The open-files limit of this process (children inherit it); each connection is one fd on the server. */
export function openFilesLimit(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /Max open files\s+(\d+)/.exec(limits)?.[1];
    return soft ? Number(soft) : Infinity;
  } catch {
    return Infinity;
  }
}
