// A load-generating child process: runs one job (viewers, bidders or idle connections) sent by the
// orchestrator over IPC, reports `ready`, runs on `go`, and sends its raw measurements on `stop`.
import { BenchSocket, intField } from './bench-socket.js';
import type { BiddersJob, BiddersResult, FromWorker, IdleJob, Job, ToWorker, ViewersJob, ViewersResult } from './protocol.js';
import { nowMs, pool } from './util.js';

const send = (msg: FromWorker) => process.send?.(msg);
const CONNECT_CONCURRENCY = 64;

/** Connects one socket per token; failures are counted, not fatal. */
async function connectAll(url: string, tokens: string[], concurrency: number, each?: (s: BenchSocket) => Promise<void>) {
  const started = nowMs();
  let failed = 0;
  let firstError: string | undefined;
  const sockets = await pool(tokens, concurrency, async (token) => {
    let s: BenchSocket | undefined;
    try {
      s = await BenchSocket.connect(url, token);
      if (each) await each(s);
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

const joiner = (auctionId: string) => async (s: BenchSocket) => {
  const res = await s.request('joinAuction', { auctionId });
  if (!res.ok) throw new Error(`joinAuction refused: ${res.error?.code} ${res.error?.message}`);
};

async function runViewers(job: ViewersJob, control: Control) {
  const received = new Map<number, { count: number; last: number }>();
  const sizes: ViewersResult['sizes'] = {};
  const wanted = new Set(job.sizeAt ?? []);
  let total = 0;
  const conn = await connectAll(job.url, job.tokens, CONNECT_CONCURRENCY, joiner(job.auctionId));
  const perViewer = new Array<number>(conn.sockets.length).fill(0);
  conn.sockets.forEach((s, i) => {
    s.onEvent = (frame) => {
      if (!frame.startsWith('42["bidPlaced"')) return;
      const t = nowMs();
      const amount = intField(frame, 'highestBid');
      if (amount === undefined) return;
      total++;
      perViewer[i]!++;
      const r = received.get(amount);
      if (r) {
        r.count++;
        if (t > r.last) r.last = t;
      } else received.set(amount, { count: 1, last: t });
      if (i === 0 && wanted.size > 0) {
        const bidCount = intField(frame, 'bidCount');
        if (bidCount !== undefined && wanted.has(bidCount)) {
          const payload = frame.slice(frame.indexOf(',') + 1, frame.lastIndexOf('}') + 1);
          sizes[bidCount] = {
            frameBytes: Buffer.byteLength(frame),
            payloadBytes: Buffer.byteLength(payload),
            // Only the numbers' widths may grow with the bid count; everything else must not grow at all.
            normalizedBytes: Buffer.byteLength(payload.replace(/"(amount|highestBid|bidCount|seq)":\d+/g, '"$1":0')),
          };
        }
      }
    };
  });
  send({ type: 'ready', connectMs: conn.connectMs, failed: conn.failed, ...(conn.firstError ? { firstError: conn.firstError } : {}) });
  control.onCount = () => total;
  await control.stopped;
  const result: ViewersResult = {
    amounts: [...received].map(([amount, r]) => [amount, r.count, r.last]),
    perViewer,
    sizes,
    disconnects: conn.sockets.filter((s) => s.closed).length,
  };
  for (const s of conn.sockets) s.close();
  return result;
}

async function runBidders(job: BiddersJob, control: Control): Promise<BiddersResult> {
  const conn = await connectAll(job.url, job.tokens, CONNECT_CONCURRENCY, joiner(job.auctionId));
  if (conn.sockets.length === 0) throw new Error(`no bidder could connect: ${conn.firstError}`);
  send({ type: 'ready', connectMs: conn.connectMs, failed: conn.failed, ...(conn.firstError ? { firstError: conn.firstError } : {}) });
  await control.go;

  const bids: BiddersResult['bids'] = [];
  const rejections: Record<string, number> = {};
  let amount = job.startAmount;
  let accepted = 0;
  let next = 0;
  const startedAt = nowMs();
  const pacing = job.pacing;
  const measuredFrom = startedAt + (pacing.kind === 'rate' ? pacing.warmupMs : 0);
  const deadline = startedAt + pacing.durationMs;

  const place = (onAck?: () => void) => {
    const socket = conn.sockets[next++ % conn.sockets.length]!;
    const mine = amount++;
    const emitT = nowMs();
    socket.emit('placeBid', { auctionId: job.auctionId, amount: mine }, (res) => {
      const ackT = nowMs();
      if (res.ok) accepted++;
      else rejections[res.error?.code ?? 'UNKNOWN'] = (rejections[res.error?.code ?? 'UNKNOWN'] ?? 0) + 1;
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
  const sent = amount - job.startAmount;
  const until = nowMs() + 10_000;
  while (bids.length < sent && nowMs() < until) await new Promise((r) => setTimeout(r, 20));
  const endedAt = nowMs();
  send({ type: 'done' });
  await control.stopped;
  for (const s of conn.sockets) s.close();
  return { bids, rejections, startedAt, endedAt, measuredFrom };
}

async function runIdle(job: IdleJob, control: Control) {
  const conn = await connectAll(job.url, job.tokens, job.concurrency);
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

interface Control {
  go: Promise<void>;
  stopped: Promise<void>;
  isStopped(): boolean;
  onCount?: () => number;
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
  try {
    const result =
      job.role === 'viewers' ? await runViewers(job, control) : job.role === 'bidders' ? await runBidders(job, control) : await runIdle(job, control);
    send({ type: 'result', result });
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
  // Give IPC a moment to flush, then leave.
  setTimeout(() => process.exit(0), 100);
}
