// The drain of a graceful shutdown (SPEC §9 "SIGTERM"; issue 16, item 4), in process: while a REST request
// admitted before the shutdown is still running, commands are answered UNAVAILABLE and not executed, new REST
// requests get 503 in the API's shape (/readyz says why, /healthz stays up), new connections are refused;
// then the request completes, and every connection is closed at its transport (`transport close`, which
// socket.io-client reconnects after by itself — not `io server disconnect`, after which it never does).
import { BidwireError } from '@bidwire/sdk';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot } from './fixtures.js';
import { connectRaw, emitAck, http } from './raw-socket.js';
import { rawHttp } from './support/raw-http.js';
import { waitFor } from './support/resilient-client.js';

const SHUTTING_DOWN = 'The server is shutting down. Try again in a moment.';

/** Starts `POST /auctions` and sends all of it but the last bytes of its body: the request stays in flight. */
async function slowCreate(url: string, token: string): Promise<{ finish(): Promise<{ status: number; body: string }> }> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ title: 'Admitted before the drain' });
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((r) => socket.once('connect', r));
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  const ended = new Promise<void>((r) => socket.once('close', () => r()));
  socket.write(
    `POST /auctions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, -5)}`,
  );
  return {
    async finish() {
      socket.write(body.slice(-5));
      await ended;
      const [head = '', text = ''] = answer.split('\r\n\r\n');
      return { status: Number(head.split(' ')[1]), body: text };
    },
  };
}

describe('the drain', () => {
  it('refuses new work with UNAVAILABLE while admitted work finishes, then closes connections at the transport', async () => {
    await using t = await startServer({ SHUTDOWN_GRACE_MS: '8000' });
    const [owner, bidder] = await Promise.all([t.signIn('Owner'), t.signIn('Bidder')]);
    const { auctionId } = await createLiveAuctionWithLot(owner, { startingPrice: 100 });
    const client = await bidder.connect();
    await client.joinAuction({ auctionId });
    const raw = await connectRaw(t.url, { token: bidder.token });
    expect(await emitAck(raw, 'joinAuction', { auctionId })).toMatchObject({ ok: true });
    const reasons: string[] = [];
    raw.on('disconnect', (reason) => reasons.push(reason));
    client.socket.on('disconnect', (reason) => reasons.push(`sdk: ${reason}`));

    const pending = await slowCreate(t.url, owner.token);
    await new Promise((r) => setTimeout(r, 200)); // the request is admitted (its headers are in)
    const started = Date.now();
    const closing = t.server.close();

    // Commands: answered UNAVAILABLE, not executed.
    expect(await emitAck(raw, 'placeBid', { auctionId, amount: 500 })).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: SHUTTING_DOWN } });
    const sdkBid = await client.placeBid({ auctionId, amount: 600 }).catch((e: unknown) => e);
    expect(sdkBid).toBeInstanceOf(BidwireError);
    expect(sdkBid).toMatchObject({ code: 'UNAVAILABLE', message: SHUTTING_DOWN });
    const errorEvent = new Promise((r) => raw.once('error', r));
    raw.emit('postComment', { auctionId, text: 'no ack' });
    expect(await errorEvent).toEqual({ code: 'UNAVAILABLE', message: SHUTTING_DOWN, command: 'postComment' });
    expect(await t.server.db.bid.count({ where: { auctionId } })).toBe(0);
    expect(await t.server.db.comment.count({ where: { auctionId } })).toBe(0);

    // REST: 503 in the API's shape; the probes answer.
    const refused = await http(t.url, 'GET', '/auctions', { token: owner.token });
    expect(refused).toEqual({ status: 503, body: { error: { code: 'UNAVAILABLE', message: SHUTTING_DOWN } } });
    // On a kept-alive connection too, and the answer closes it (the next request can go to another node).
    const keptAlive = await rawHttp(t.url, `GET /categories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${owner.token}\r\n\r\n`);
    expect(keptAlive.status).toBe(503);
    expect(keptAlive.headers.connection).toBe('close');
    const ready = await http(t.url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', checks: { server: { status: 'down', error: 'shutting down' } } });
    expect((await http(t.url, 'GET', '/healthz')).status).toBe(200);

    // New connections: refused (engine.io's 403, which socket.io-client retries later).
    await expect(connectRaw(t.url, { token: bidder.token })).rejects.toThrow();
    const handshake = await rawHttp(t.url, 'GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(handshake.status).toBe(403);
    expect(handshake.json).toMatchObject({ message: SHUTTING_DOWN });

    // Still connected: the drain waits for the admitted request.
    expect(raw.connected).toBe(true);
    const created = await pending.finish();
    expect(created.status, created.body).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ title: 'Admitted before the drain', status: 'scheduled' });

    await closing;
    expect(Date.now() - started).toBeLessThan(8_000);
    await waitFor(() => reasons.length === 2, 'both clients to see the close');
    expect(reasons.sort()).toEqual(['sdk: transport close', 'transport close']);
  });

  it('with nothing in flight, closes at once', async () => {
    await using t = await startServer();
    const user = await t.signIn('Idle');
    const raw = await connectRaw(t.url, { token: user.token });
    const reason = new Promise((r) => raw.once('disconnect', r));
    const started = Date.now();
    await t.server.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await reason).toBe('transport close');
  });
});
