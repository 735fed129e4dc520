// Broadcast frames written whole: on a real Socket.IO server and real WebSocket clients, each connection's copy
// of a broadcast is one write() of the whole frame (the adapter as Socket.IO builds it writes two), and every
// frame size (the three header lengths) arrives intact, with connection state recovery on and off.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, type Namespace, type ServerOptions } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { withWholeFrames } from './whole-frames.js';

interface Running {
  io: Server;
  http: HttpServer;
  clients: ClientSocket[];
}
const running: Running[] = [];

afterEach(async () => {
  for (const { io, clients } of running.splice(0)) {
    for (const c of clients) c.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
});

type Options = { wholeFrames: boolean | 'factory'; recovery: boolean };
type AdapterConstructor = ServerOptions['adapter'];

/** The Redis streams adapter's shape: a plain function Socket.IO calls with `new`, returning the instance. */
const asFactory = (Adapter: AdapterConstructor): AdapterConstructor => {
  const Built = Adapter as unknown as new (nsp: Namespace) => Namespace['adapter'];
  return function factory(nsp: Namespace) {
    return new Built(nsp);
  } as unknown as AdapterConstructor;
};

async function start(options: Options, clientCount: number): Promise<Running> {
  const http = createServer();
  const serverOptions: Partial<ServerOptions> = options.recovery ? { connectionStateRecovery: { maxDisconnectionDuration: 10_000 } } : {};
  const io = new Server(http, serverOptions);
  if (options.wholeFrames === 'factory') io.adapter(withWholeFrames(asFactory(io.adapter()!)));
  else if (options.wholeFrames) io.adapter(withWholeFrames(io.adapter()!));
  io.on('connection', (socket) => void socket.join('room'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async () => {
      const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', reject);
      });
      return client;
    }),
  );
  // The joins run in the connection handler: wait until the room holds every client.
  while ((io.of('/').adapter.rooms.get('room')?.size ?? 0) < clientCount) await new Promise((r) => setTimeout(r, 5));
  const server = { io, http, clients };
  running.push(server);
  return server;
}

/** Every write() and cork() on the server's end of each WebSocket connection, from now on. */
function recordWrites(io: Server): { writes: Buffer[][]; corks: number[] } {
  const writes: Buffer[][] = [];
  const corks: number[] = [];
  for (const [i, socket] of [...io.of('/').sockets.values()].entries()) {
    // The TCP socket under ws's WebSocket under engine.io's transport (the same path the frames take).
    const raw = (socket.conn.transport as unknown as { socket: { _socket: NetSocket } }).socket._socket;
    writes[i] = [];
    corks[i] = 0;
    const write = raw.write.bind(raw) as (...args: unknown[]) => boolean;
    raw.write = ((chunk: Buffer, ...rest: unknown[]) => {
      writes[i]!.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as NetSocket['write'];
    const cork = raw.cork.bind(raw);
    raw.cork = () => {
      corks[i]!++;
      cork();
    };
  }
  return { writes, corks };
}

const received = (client: ClientSocket) => new Promise<unknown>((resolve) => client.once('bidPlaced', resolve));

describe('withWholeFrames', () => {
  it.each([
    ['the default adapter', true, false],
    ['the recovery adapter', true, true],
    ['an adapter factory like the Redis streams adapter', 'factory', true],
  ] as const)('writes each connection its copy of a broadcast as one write of the whole frame (%s)', async (_, wholeFrames, recovery) => {
    const { io, clients } = await start({ wholeFrames, recovery }, 3);
    const { writes, corks } = recordWrites(io);
    const arrivals = clients.map(received);
    io.to('room').emit('bidPlaced', { amount: 1250 });
    expect(await Promise.all(arrivals)).toEqual(clients.map(() => ({ amount: 1250 })));
    expect(corks).toEqual([0, 0, 0]);
    for (const written of writes) {
      expect(written).toHaveLength(1);
      const frame = written[0]!;
      expect(frame[0]).toBe(0x81); // FIN + text frame
      expect(frame[1]).toBe(frame.length - 2); // short payload length: the rest of the write is the payload
      expect(frame.subarray(2).toString()).toMatch(/^42\["bidPlaced",\{"amount":1250\}/);
    }
  });

  it('is what changes the writes: the adapter as Socket.IO builds it writes header and payload apart', async () => {
    const { io, clients } = await start({ wholeFrames: false, recovery: true }, 2);
    const { writes, corks } = recordWrites(io);
    const arrivals = clients.map(received);
    io.to('room').emit('bidPlaced', { amount: 1250 });
    await Promise.all(arrivals);
    expect(corks).toEqual([1, 1]);
    expect(writes.map((w) => w.length)).toEqual([2, 2]);
  });

  it.each([
    ['7-bit length', 10],
    ['16-bit length', 1_000],
    ['64-bit length', 100_000],
  ])('delivers frames with a %s intact', async (_, size) => {
    const { io, clients } = await start({ wholeFrames: true, recovery: true }, 2);
    const payload = { text: 'x'.repeat(size), n: size };
    const arrivals = clients.map(received);
    io.to('room').emit('bidPlaced', payload);
    expect(await Promise.all(arrivals)).toEqual([payload, payload]);
  });
});
