// Scenario "reconnect storm" (issue 18): N clients that were in one auction come back at once, as after a
// deploy (a fresh server: none of them has connected to it yet) and each catches up on the bids placed while
// it was away: connect (token checked at the handshake), joinAuction (the snapshot), then `resync` of the
// auction room after the last seq it had, until it has the room's last seq. The bare Socket.IO server does the
// same: it accepts the connections, joins the room and answers `resync` with the same events from memory.
// Measured: the time until every client has the last seq, and the connect+join rate.
import { loadavg } from 'node:os';
import { BenchSocket } from '../bench-socket.js';
import { startWorker } from '../children.js';
import type { StormResult } from '../protocol.js';
import { summarize, type Summary } from '../stats.js';
import { cpuSecondsOf } from '../util.js';
import { runBidLoad } from './bid-load.js';
import { prepareTarget, type Target, type TargetKind } from './target.js';

export interface ReconnectStormParams {
  clients: number;
  /** Bids placed while the clients were away: each client resyncs this many events. */
  gap: number;
  /** Connections in progress at once, per load worker (two workers). */
  inflight: number;
}

export interface ReconnectStormResult {
  target: TargetKind;
  clients: number;
  gap: number;
  caughtUp: number;
  failed: number;
  firstError?: string;
  /** Storm start → the last client connected / joined / caught up, seconds. */
  connectedSeconds: number;
  joinedSeconds: number;
  caughtUpSeconds: number;
  /** Clients connected and joined per second (clients / joinedSeconds). */
  joinsPerSecond: number;
  /** Per client, storm start → caught up, ms. */
  perClient: Summary;
  resyncedEvents: number;
  cpuSeconds: number;
  loadavg: number;
  /** The load workers' event-loop delay p99 (the worse of the two), ms: high means the generator, not the server, was slow. */
  generatorLagP99Ms: number;
}

/** The room's last seq, as a client joining now sees it. */
async function roomSeq(target: Target, token: string): Promise<number> {
  const s = await BenchSocket.connect(target.server.url, token);
  try {
    const res = await s.request('joinAuction', { auctionId: target.lot.auctionId });
    const seq = (res.data as { seq?: unknown } | undefined)?.seq;
    if (!res.ok || typeof seq !== 'number') throw new Error(`joinAuction answered no seq: ${JSON.stringify(res)}`);
    return seq;
  } finally {
    s.close();
  }
}

export async function runReconnectStorm(kind: TargetKind, p: ReconnectStormParams, cpuProfDir: string | undefined, log: (msg: string) => void): Promise<ReconnectStormResult> {
  const say = (msg: string) => log(`reconnect storm ${kind} N=${p.clients}, gap ${p.gap}: ${msg}`);
  say('starting server');
  // One extra user asks the seq before and after the gap.
  const target = await prepareTarget({ kind, viewers: p.clients + 1, bidders: 2, cpuProfDir });
  try {
    const asker = target.viewers[p.clients]!.token;
    const afterSeq = await roomSeq(target, asker);
    const gap = await runBidLoad(target, { viewers: 0, viewerWorkers: 1, pacing: { kind: 'closed', inflight: 1, durationMs: 60_000, untilBidCount: p.gap }, log: () => {} });
    const untilSeq = await roomSeq(target, asker);
    say(`${gap.accepted} bids placed while away (seq ${afterSeq} → ${untilSeq}); reconnecting`);
    const tokens = target.viewers.slice(0, p.clients).map((u) => u.token);
    const halves = [tokens.filter((_, i) => i % 2 === 0), tokens.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
    const workers = halves.map((h) => startWorker<StormResult>({ role: 'storm', url: target.server.url, tokens: h, auctionId: target.lot.auctionId, afterSeq, untilSeq, inflight: p.inflight }));
    await Promise.all(workers.map((w) => w.ready));
    const load = loadavg()[0]!;
    const cpuBefore = cpuSecondsOf(target.server.pid);
    for (const w of workers) w.go();
    await Promise.all(workers.map((w) => w.done));
    const cpuSeconds = cpuSecondsOf(target.server.pid) - cpuBefore;
    const results = await Promise.all(workers.map((w) => w.stop()));
    const start = Math.min(...results.map((r) => r.startedAt));
    const clients = results.flatMap((r) => r.clients);
    const lastOf = (i: 0 | 1 | 2) => clients.reduce((max, c) => (Number.isNaN(c[i]) ? max : Math.max(max, c[i] - start)), 0) / 1000;
    const caughtUp = clients.filter((c) => !Number.isNaN(c[2])).length;
    const failed = p.clients - caughtUp;
    const firstError = results.find((r) => r.firstError)?.firstError;
    const joined = clients.filter((c) => !Number.isNaN(c[1])).length;
    const result: ReconnectStormResult = {
      target: kind,
      clients: p.clients,
      gap: untilSeq - afterSeq,
      caughtUp,
      failed,
      ...(firstError ? { firstError } : {}),
      connectedSeconds: round(lastOf(0)),
      joinedSeconds: round(lastOf(1)),
      caughtUpSeconds: round(lastOf(2)),
      joinsPerSecond: Math.round(joined / lastOf(1)),
      perClient: summarize(clients.filter((c) => !Number.isNaN(c[2])).map((c) => c[2] - start)),
      resyncedEvents: results.reduce((n, r) => n + r.resyncedEvents, 0),
      cpuSeconds: round(cpuSeconds),
      loadavg: round(load),
      generatorLagP99Ms: Math.max(...results.map((r) => r.loopLagP99Ms)),
    };
    say(
      `${caughtUp}/${p.clients} caught up in ${result.caughtUpSeconds} s (all joined after ${result.joinedSeconds} s: ${result.joinsPerSecond} connect+join/s), ` +
        `server CPU ${result.cpuSeconds} s, load ${result.loadavg}, generator loop lag p99 ${result.generatorLagP99Ms} ms${failed ? `; ${failed} failed: ${firstError}` : ''}`,
    );
    return result;
  } finally {
    await target.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
