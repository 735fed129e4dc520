// A load-generating child process: runs one job (viewers — viewers-job.ts —, bidders, idle connections, a
// timeSync prober, a resync flooder or a reconnect storm) sent by the orchestrator over IPC, reports `ready`,
// runs on `go`, and sends its raw measurements on `stop`.
import { BenchSocket } from './bench-socket.js';
import type {
  BiddersJob, BiddersResult, IdleJob, Job, ProberJob, ProberResult, ResyncFloodJob, ResyncFloodResult, StormJob, StormResult, ToWorker,
} from './protocol.js';
import { nowMs, pool } from './util.js';
import { runViewers } from './viewers-job.js';
import { CONNECT_CONCURRENCY, connectAll, type Control, joiner, loopDelay, loopLagP99Ms, send } from './worker-shared.js';

async function runBidders(job: BiddersJob, control: Control): Promise<BiddersResult> {
  const conn = await connectAll(job.url, job.tokens, CONNECT_CONCURRENCY, joiner(job.auctionId, job.auctionIds));
  if (conn.sockets.length === 0) throw new Error(`no bidder could connect: ${conn.firstError}`);
  send({ type: 'ready', connectMs: conn.connectMs, failed: conn.failed, ...(conn.firstError ? { firstError: conn.firstError } : {}) });
  await control.go;
  loopDelay.reset();

  const bids: BiddersResult['bids'] = [];
  const rejections: Record<string, number> = {};
  let amount = job.startAmount;
  let sentCount = 0;
  let accepted = 0;
  const step = job.amountStep ?? 1;
  let next = 0;
  const startedAt = nowMs();
  const pacing = job.pacing;
  const measuredFrom = startedAt + (pacing.kind === 'rate' ? pacing.warmupMs : 0);
  const deadline = startedAt + pacing.durationMs;

  const place = (onAck?: () => void) => {
    const index = next++ % conn.sockets.length;
    const socket = conn.sockets[index]!;
    const mine = amount;
    amount += step;
    sentCount++;
    const auctionId = job.auctionIds?.[index] ?? job.auctionId;
    const payload = job.maxima && index % 2 === 1
      ? { auctionId, amount: mine, maxAmount: mine + job.maxima.over }
      : { auctionId, amount: mine };
    const emitT = nowMs();
    socket.emit('placeBid', payload, (res) => {
      const ackT = nowMs();
      if (res.ok) accepted++;
      else rejections[res.error?.code ?? 'UNKNOWN'] = (rejections[res.error?.code ?? 'UNKNOWN'] ?? 0) + 1;
      // An automatic bid may have moved the lot past the next amount: go on from the least it accepts now.
      // (The bare baseline answers no lot and no details.)
      const lot = (res.data as { lot?: { highestBid: number | null; minIncrement: number } } | undefined)?.lot;
      const least = res.ok
        ? lot && lot.highestBid !== null ? lot.highestBid + lot.minIncrement : undefined
        : (res.error?.details as { minimumBid?: number } | undefined)?.minimumBid;
      if (least !== undefined && least > amount) amount = least;
      bids.push([mine, emitT, ackT, res.ok ? 1 : 0, emitT >= measuredFrom ? 1 : 0]);
      onAck?.();
    });
  };

  await new Promise<void>((resolve) => {
    if (pacing.kind === 'rate') {
      // Open loop: emit whatever is due at the target rate, whether or not earlier bids were acked.
      let sent = 0;
      const tick = () => {
        const t = nowMs();
        if (t >= deadline || control.isStopped()) return resolve();
        const due = Math.floor(((t - startedAt) / 1000) * pacing.perSecond);
        while (sent < due) {
          place();
          sent++;
        }
        setTimeout(tick, 1);
      };
      tick();
    } else {
      // Closed loop: `inflight` lanes, each sending its next bid when the previous one is acked.
      let lanes = pacing.inflight;
      const lane = () => {
        const done =
          control.isStopped() ||
          (pacing.untilBidCount !== undefined ? accepted >= pacing.untilBidCount : nowMs() >= deadline);
        if (done) {
          if (--lanes === 0) resolve();
          return;
        }
        place(lane);
      };
      for (let i = 0; i < pacing.inflight; i++) lane();
    }
  });
  // Let the last acks arrive.
  const sent = sentCount;
  const until = nowMs() + 10_000;
  while (bids.length < sent && nowMs() < until) await new Promise((r) => setTimeout(r, 20));
  const endedAt = nowMs();
  const loopLag = loopLagP99Ms();
  send({ type: 'done' });
  await control.stopped;
  for (const s of conn.sockets) s.close();
  return { bids, rejections, startedAt, endedAt, measuredFrom, loopLagP99Ms: loopLag };
}

async function runIdle(job: IdleJob, control: Control) {
  const conn = await connectAll(job.url, job.tokens, job.concurrency, job.auctionId ? joiner(job.auctionId) : undefined);
  send({ type: 'ready', connectMs: conn.connectMs, failed: conn.failed, ...(conn.firstError ? { firstError: conn.firstError } : {}) });
  await control.stopped;
  for (const s of conn.sockets) s.close();
  return {
    connected: conn.sockets.length,
    failed: conn.failed,
    connectMs: conn.connectMs,
    ...(conn.firstError ? { firstError: conn.firstError } : {}),
  };
}

async function runProber(job: ProberJob, control: Control): Promise<ProberResult> {
  const socket = await BenchSocket.connect(job.url, job.token);
  send({ type: 'ready', connectMs: 0, failed: 0 });
  await control.go;
  const rtts: number[] = [];
  let waiting = 0;
  const timer = setInterval(() => {
    const sentAt = nowMs();
    waiting++;
    socket.emit('timeSync', {}, (res) => {
      waiting--;
      if (res.ok) rtts.push(nowMs() - sentAt);
    });
  }, job.intervalMs);
  await control.stopped;
  clearInterval(timer);
  socket.close();
  return { rtts, unanswered: waiting };
}

async function runResyncFlood(job: ResyncFloodJob, control: Control): Promise<ResyncFloodResult> {
  const socket = await BenchSocket.connect(job.url, job.token);
  send({ type: 'ready', connectMs: 0, failed: 0 });
  await control.go;
  const pages: ResyncFloodResult['pages'] = [];
  const refused: Record<string, number> = {};
  let sent = 0;
  let waiting = 0;
  const startedAt = nowMs();
  // Open loop, like a misbehaving client: the next request goes when it is due, answered or not.
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (control.isStopped()) return resolve();
      const due = Math.floor(((nowMs() - startedAt) / 1000) * job.perSecond);
      while (sent < due) {
        const sentAt = nowMs();
        sent++;
        waiting++;
        socket.emit('resync', { room: { type: 'auction', id: job.auctionId }, afterSeq: 0 }, (res, frameChars) => {
          waiting--;
          if (res.ok) pages.push([nowMs() - sentAt, frameChars, ((res.data as { events?: unknown[] }).events ?? []).length]);
          else refused[res.error?.code ?? 'UNKNOWN'] = (refused[res.error?.code ?? 'UNKNOWN'] ?? 0) + 1;
        });
      }
      setTimeout(tick, 5);
    };
    tick();
  });
  socket.close();
  return { sent, pages, refused, unanswered: waiting };
}

async function runStorm(job: StormJob, control: Control): Promise<StormResult> {
  send({ type: 'ready', connectMs: 0, failed: 0 });
  await control.go;
  loopDelay.reset();
  const startedAt = nowMs();
  const clients: StormResult['clients'] = [];
  let resyncedEvents = 0;
  let firstError: string | undefined;
  const sockets: BenchSocket[] = [];
  const room = { type: 'auction', id: job.auctionId };
  await pool(job.tokens, job.inflight, async (token) => {
    const times: [number, number, number] = [NaN, NaN, NaN];
    clients.push(times);
    try {
      const s = await BenchSocket.connect(job.url, token, 60_000);
      sockets.push(s);
      times[0] = nowMs();
      const joined = await s.request('joinAuction', { auctionId: job.auctionId });
      if (!joined.ok) throw new Error(`joinAuction refused: ${joined.error?.code} ${joined.error?.message}`);
      times[1] = nowMs();
      // As the SDK does after a reconnection: the room's events after the last seq seen, page by page.
      let last = job.afterSeq;
      while (last < job.untilSeq) {
        const res = await s.request('resync', { room, afterSeq: last });
        if (!res.ok) throw new Error(`resync refused: ${res.error?.code} ${res.error?.message}`);
        const events = (res.data as { events?: { payload: { seq: number } }[] }).events;
        if (!events) throw new Error('resync answered a snapshot, not the missed events');
        resyncedEvents += events.length;
        const next = events.reduce((max, e) => Math.max(max, e.payload.seq), last);
        if (next <= last) throw new Error(`resync after ${last} moved nothing forward`);
        last = next;
      }
      times[2] = nowMs();
    } catch (error) {
      firstError ??= (error as Error).message;
    }
  });
  const failed = clients.filter((c) => Number.isNaN(c[2])).length;
  const lag = loopLagP99Ms();
  send({ type: 'done' });
  await control.stopped;
  for (const s of sockets) s.close();
  return { clients, startedAt, failed, ...(firstError ? { firstError } : {}), resyncedEvents, loopLagP99Ms: lag };
}

function createControl(): Control & { fire(msg: ToWorker): void } {
  let go!: () => void;
  let stop!: () => void;
  let stopped = false;
  const control: Control & { fire(msg: ToWorker): void } = {
    go: new Promise<void>((r) => (go = r)),
    stopped: new Promise<void>((r) => (stop = r)),
    isStopped: () => stopped,
    fire(msg) {
      if (msg.type === 'go') go();
      else if (msg.type === 'stop') {
        if (msg.emits) control.emits = msg.emits;
        stopped = true;
        go();
        stop();
      } else if (msg.type === 'count') send({ type: 'count', received: control.onCount?.() ?? 0 });
    },
  };
  return control;
}

const control = createControl();
process.on('message', (msg: ToWorker) => {
  if (msg.type === 'job') void start(msg.job);
  else control.fire(msg);
});

async function start(job: Job) {
  loopDelay.enable();
  try {
    const result =
      job.role === 'viewers'
        ? await runViewers(job, control)
        : job.role === 'bidders'
          ? await runBidders(job, control)
          : job.role === 'prober'
            ? await runProber(job, control)
            : job.role === 'resyncFlood'
              ? await runResyncFlood(job, control)
              : job.role === 'storm'
                ? await runStorm(job, control)
                : await runIdle(job, control);
    send({ type: 'result', result });
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
  // Give IPC a moment to flush, then leave.
  setTimeout(() => process.exit(0), 100);
}
