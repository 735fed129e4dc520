// The baseline: a bare Socket.IO server with the same engine settings as Bidwire and nothing else —
// no auth check, no validation, no database: `joinAuction` joins a room (and answers the room's last seq and
// its last 50 bids, as Bidwire's snapshot has them), `placeBid` rebroadcasts and acks a bid the lot accepts
// (the one rule it keeps: higher than the highest), `resync` answers the room's events after a seq from memory
// (the last LOG_KEPT per room: the reconnect storm's equivalent of Bidwire's room log, without a database).
//
// With BENCH_BARE_DURABLE (a seeded SQLite file, durable-bare.ts), `placeBid` first commits the bid's rows with
// the raw SQL ceiling's transaction (sqlite-bid-transaction.ts: WAL, synchronous=FULL), then broadcasts and
// acks an accepted bid: the bare server that also persists each bid, to set Bidwire's cost beyond the durable write apart.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { FromServer, ToServer } from './protocol.js';
import { openRawSqlite, rawSqliteBid, type RawSqliteSeed } from './scenarios/sqlite-bid-transaction.js';

const send = (msg: FromServer) => process.send?.(msg);
const http = createServer();
// Same options as apps/server/src/realtime/socket-server.ts (64 KB cap, no client bundle).
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
let bidCount = 0;
const LOG_KEPT = 500;
const RECENT = 50;
const logs = new Map<string, { event: 'bidPlaced'; payload: { seq: number; bid: unknown } }[]>();
const STARTING_PRICE = 1000;
const MIN_INCREMENT = 1;
const highest = new Map<string, number>();
const durableSeed = process.env.BENCH_BARE_DURABLE ? (JSON.parse(process.env.BENCH_BARE_DURABLE) as RawSqliteSeed) : undefined;
const persistBid = durableSeed ? rawSqliteBid(openRawSqlite(durableSeed.file), durableSeed) : undefined;

io.on('connection', (socket) => {
  socket.on('joinAuction', (p: { auctionId: string }, ack?: (r: unknown) => void) => {
    void socket.join(`auction:${p.auctionId}`);
    const log = logs.get(p.auctionId) ?? [];
    ack?.({ ok: true, data: { seq: log.at(-1)?.payload.seq ?? 0, recentBids: log.slice(-RECENT).reverse().map((e) => e.payload.bid) } });
  });
  socket.on('resync', (p: { room: { id: string }; afterSeq: number }, ack?: (r: unknown) => void) => {
    const events = (logs.get(p.room.id) ?? []).filter((e) => e.payload.seq > p.afterSeq);
    ack?.({ ok: true, data: { events, hasMore: false, nextAfterSeq: events.at(-1)?.payload.seq ?? p.afterSeq } });
  });
  socket.on('placeBid', (p: { auctionId: string; amount: number }, ack?: (r: unknown) => void) => {
    // The lot's rule (SPEC §3; the benchmark lots start at 1,000 with an increment of 1): a bid below the least
    // it accepts is answered BID_TOO_LOW and not broadcast, as Bidwire answers it. Bids sent in order over several
    // sockets can arrive out of order; without this the bare server broadcast the ones Bidwire rejects and so did
    // more fan-out than Bidwire in the same run (at 1,000 × 100: 599 broadcasts against Bidwire's 365).
    const least = highest.has(p.auctionId) ? highest.get(p.auctionId)! + MIN_INCREMENT : STARTING_PRICE;
    if (p.amount < least) {
      ack?.({ ok: false, error: { code: 'BID_TOO_LOW', message: `Bid must be higher than the current bid (${least - MIN_INCREMENT})`, details: { minimumBid: least } } });
      return;
    }
    highest.set(p.auctionId, p.amount);
    persistBid?.();
    bidCount++;
    const at = new Date().toISOString();
    // The same shape (and so about the same size) as Bidwire's bidPlaced event.
    const bid = {
      id: `cmbaseline${String(bidCount).padStart(15, '0')}`,
      auctionId: p.auctionId,
      lotId: 'cmbaselinelot00000000000',
      user: { id: 'cmbaselineuser0000000000', name: 'Bench bidder 1' },
      amount: p.amount,
      createdAt: at,
    };
    const payload = { auctionId: p.auctionId, lotId: bid.lotId, bid, highestBid: p.amount, bidCount, seq: bidCount, at };
    io.to(`auction:${p.auctionId}`).emit('bidPlaced', payload);
    const log = logs.get(p.auctionId) ?? [];
    log.push({ event: 'bidPlaced', payload });
    if (log.length > LOG_KEPT) log.shift();
    logs.set(p.auctionId, log);
    ack?.({ ok: true, data: { bid } });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no TCP port');
  send({ type: 'ready', port: address.port });
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.on('message', (msg: ToServer) => {
  if (msg.type === 'stop') stop();
  else if (msg.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    send({ type: 'reply', id: msg.id, value: process.memoryUsage().rss });
  } else if (msg.type === 'heap') {
    (globalThis as { gc?: () => void }).gc?.();
    send({ type: 'reply', id: msg.id, value: process.memoryUsage().heapUsed });
  } else if (msg.type === 'countBids') send({ type: 'reply', id: msg.id, value: bidCount });
  else send({ type: 'reply', id: msg.id, value: 0 });
});
