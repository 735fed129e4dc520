// A client that stops reading must not make the server buffer without bound (issue 16, item 6): its
// connection is dropped once its pending output passes SOCKET_MAX_PENDING_BYTES, while every other socket
// keeps receiving every event. The paused client is a raw socket.io-client whose TCP socket stops reading;
// the traffic is a storm of `systemMaintenance` notices (6 KB each) published live to everyone.
import type { BidwireClient } from '@bidwire/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness.js';
import { connectRaw, type RawSocket } from './raw-socket.js';
import { waitFor } from './support/resilient-client.js';

const CAP = 64 * 1024;
const SERVICES = Array.from({ length: 50 }, (_, i) => `service-${i}-`.padEnd(100, 'x'));

/** The TCP socket under a raw client's WebSocket transport (engine.io-client on `ws` in Node). */
function tcpOf(socket: RawSocket): { pause(): void; resume(): void } {
  const transport = socket.io.engine.transport as unknown as { name: string; ws: { _socket: { pause(): void; resume(): void } } };
  if (transport.name !== 'websocket') throw new Error(`expected the websocket transport, got ${transport.name}`);
  return transport.ws._socket;
}

/** Bytes of the packets waiting in an engine.io connection's write buffer (a private field, read as the cap cannot). */
const buffered = (conn: object) =>
  ((conn as { writeBuffer?: { data?: unknown }[] }).writeBuffer ?? []).reduce((n, p) => n + (typeof p.data === 'string' ? p.data.length : 0), 0);

describe('a client that stops reading', () => {
  let t: TestServer;
  let healthy: BidwireClient[];
  let paused: RawSocket;
  let published = 0;

  const notice = () =>
    t.server.publish({
      event: 'systemMaintenance',
      payload: {
        maintenanceId: `m${++published}`,
        startsAt: '2026-05-01T00:00:00Z',
        endsAt: '2026-05-01T01:00:00Z',
        message: 'Scheduled maintenance. '.repeat(40),
        affectedServices: SERVICES,
      },
      to: { all: true },
    });

  beforeAll(async () => {
    t = await startServer({ SOCKET_MAX_PENDING_BYTES: String(CAP) });
    const users = await Promise.all(['Healthy 1', 'Healthy 2', 'Paused'].map((n) => t.signIn(n)));
    healthy = await Promise.all(users.slice(0, 2).map((u) => u.connect()));
    paused = await connectRaw(t.url, { token: users[2]!.token });
  });
  afterAll(async () => {
    paused?.close();
    await t?.close();
  });

  it('is dropped at the cap while the other sockets receive every event', async () => {
    const received = healthy.map((client) => {
      const ids: string[] = [];
      client.on('systemMaintenance', (e) => void ids.push(e.maintenanceId));
      return ids;
    });
    const serverSide = t.server.io.of('/').sockets.get(paused.id!);
    if (!serverSide) throw new Error('no server socket for the paused client');
    let dropReason: string | undefined;
    serverSide.on('disconnect', (reason) => (dropReason = reason));
    // The most the server ever holds for it in its write buffer, seen as each packet is queued.
    let mostBuffered = 0;
    serverSide.conn.on('packetCreate', () => (mostBuffered = Math.max(mostBuffered, buffered(serverSide.conn))));

    tcpOf(paused).pause();
    // The kernel's buffers on both ends take the first megabytes (about 4 MB here); the server's own buffer fills after them.
    // Bursts of 20 notices (120 KB, over the cap) at once: the healthy sockets take each burst in time.
    while (dropReason === undefined && published < 2_000) {
      for (let i = 0; i < 20; i++) await notice();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(dropReason, `not dropped after ${published} notices of 6 KB`).toBe('forced close');
    // Over the cap, it was dropped: a moment later, or at once past four times the cap.
    expect(mostBuffered).toBeGreaterThan(CAP);
    expect(mostBuffered).toBeLessThanOrEqual(4 * CAP);

    // The others go on receiving everything, in order, after the drop too.
    for (let i = 0; i < 20; i++) await notice();
    const all = Array.from({ length: published }, (_, i) => `m${i + 1}`);
    for (const ids of received) {
      await waitFor(() => ids.length >= published, `${published} notices at a healthy client`, 15_000);
      expect(ids).toEqual(all);
    }

    // Reading again, the paused client finds its connection closed (it would reconnect and resync).
    const closed = new Promise<string>((resolve) => paused.once('disconnect', resolve));
    tcpOf(paused).resume();
    expect(await closed).toBe('transport close');
  });
});
