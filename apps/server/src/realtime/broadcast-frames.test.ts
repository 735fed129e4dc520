// How broadcasts are written, on a real Socket.IO server and real clients: each WebSocket connection's copy is one
// write() of the whole frame (the adapter as Socket.IO builds it writes two), straight to the socket when nothing
// of that connection waits (engine.io makes no packet for it) and through engine.io, in order, when something does;
// polling clients get it through engine.io; every frame size (the three header lengths) arrives intact, with
// connection state recovery on and off.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, type Namespace, type ServerOptions, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { BidwireSocket } from './types.js';
import { writeBroadcastsDirect } from './broadcast-frames.js';

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

interface Options {
  /** writeBroadcastsDirect on every connection (otherwise Socket.IO as it is). */
  direct: boolean;
  /** The adapter built by a factory, as the Redis streams adapter is (otherwise Socket.IO's own class). */
  factory?: boolean;
  recovery: boolean;
  transports?: ('websocket' | 'polling')[];
}
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
  if (options.factory) io.adapter(asFactory(io.adapter()!));
  io.on('connection', (socket) => {
    // Cast: the test server's sockets carry no Bidwire data; writeBroadcastsDirect reads only the client.
    if (options.direct) writeBroadcastsDirect(socket as unknown as BidwireSocket);
    void socket.join('room');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async () => {
      const client = connect(`http://127.0.0.1:${port}`, { transports: options.transports ?? ['websocket'], forceNew: true });
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

const serverSockets = (io: Server): Socket[] => [...io.of('/').sockets.values()];

/** Every write() and cork() on the server's end of each WebSocket connection, and engine.io's packets, from now on. */
function recordWrites(io: Server): { writes: Buffer[][]; corks: number[]; packets: number[] } {
  const writes: Buffer[][] = [];
  const corks: number[] = [];
  const packets: number[] = [];
  for (const [i, socket] of serverSockets(io).entries()) {
    // The TCP socket under ws's WebSocket under engine.io's transport (the same path the frames take).
    const raw = (socket.conn.transport as unknown as { socket: { _socket: NetSocket } }).socket._socket;
    writes[i] = [];
    corks[i] = 0;
    packets[i] = 0;
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
    socket.conn.on('packetCreate', () => packets[i]!++);
  }
  return { writes, corks, packets };
}

const received = (client: ClientSocket) => new Promise<unknown>((resolve) => client.once('bidPlaced', resolve));

/** Broadcasts `payload` to the room, waits until every client has it, and answers what the server wrote meanwhile. */
async function broadcastToAll({ io, clients }: Running, payload: object) {
  const recorded = recordWrites(io);
  const arrivals = clients.map(received);
  io.to('room').emit('bidPlaced', payload);
  expect(await Promise.all(arrivals)).toEqual(clients.map(() => payload));
  return recorded;
}

/** Each connection wrote its copy of `{ amount }` as one write: the whole frame of a short text message. */
function expectOneWholeFrameEach(writes: Buffer[][], amount: number) {
  for (const written of writes) {
    expect(written).toHaveLength(1);
    const frame = written[0]!;
    expect(frame[0]).toBe(0x81); // FIN + text frame
    expect(frame[1]).toBe(frame.length - 2); // short payload length: the rest of the write is the payload
    expect(frame.subarray(2).toString()).toMatch(new RegExp(`^42\\["bidPlaced",\\{"amount":${amount}\\}`));
  }
}

describe('whole frames', () => {
  it.each([
    ['the default adapter', false, false],
    ['the recovery adapter', false, true],
    ['an adapter factory like the Redis streams adapter', true, true],
  ] as const)('writes each connection its copy of a broadcast as one write of the whole frame (%s)', async (_, factory, recovery) => {
    const { writes, corks } = await broadcastToAll(await start({ direct: true, factory, recovery }, 3), { amount: 1250 });
    expect(corks).toEqual([0, 0, 0]);
    expectOneWholeFrameEach(writes, 1250);
  });

  it('is what changes the writes: Socket.IO as it is writes header and payload apart', async () => {
    const { writes, corks } = await broadcastToAll(await start({ direct: false, recovery: true }, 2), { amount: 1250 });
    expect(corks).toEqual([1, 1]);
    expect(writes.map((w) => w.length)).toEqual([2, 2]);
  });

  it.each([
    ['7-bit length', 10],
    ['16-bit length', 1_000],
    ['64-bit length', 100_000],
  ])('delivers frames with a %s intact, written directly or not', async (_, size) => {
    for (const direct of [false, true]) {
      await broadcastToAll(await start({ direct, recovery: true }, 2), { text: 'x'.repeat(size), n: size });
    }
  });
});

describe('writeBroadcastsDirect', () => {
  it.each([false, true])('writes a broadcast straight to each idle WebSocket: one write, no engine.io packet (recovery %s)', async (recovery) => {
    const { writes, packets } = await broadcastToAll(await start({ direct: true, recovery }, 3), { amount: 1300 });
    expect(packets).toEqual([0, 0, 0]);
    expectOneWholeFrameEach(writes, 1300);
  });

  it('sends through engine.io, after what waits there, when the connection is writing: the order holds', async () => {
    // Recovery off: with it on, Socket.IO sends a socket's own emits as broadcasts to its room (for their offsets).
    const { io, clients } = await start({ direct: true, recovery: false }, 1);
    const client = clients[0]!;
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      client.onAny((event: string, payload: { n: number }) => {
        order.push(`${event}:${payload.n}`);
        if (order.length === 4) resolve();
      });
    });
    const { packets } = recordWrites(io);
    const socket = serverSockets(io)[0]!;
    // The first emit leaves the transport writing (its write completes on a later tick), so the second waits in
    // engine.io's queue; the broadcasts of the same turn must go after it, not straight to the socket.
    socket.emit("own", { n: 1 });
    socket.emit('own', { n: 2 });
    io.to('room').emit('bidPlaced', { n: 3 });
    io.to('room').emit('bidPlaced', { n: 4 });
    await done;
    expect(order).toEqual(['own:1', 'own:2', 'bidPlaced:3', 'bidPlaced:4']);
    expect(packets).toEqual([4]);
    // Once idle again, the next broadcast goes straight to the socket.
    const next = received(client);
    io.to('room').emit('bidPlaced', { n: 5 });
    expect(await next).toEqual({ n: 5 });
    expect(packets).toEqual([4]);
  });

  it('leaves polling connections to engine.io', async () => {
    const server = await start({ direct: true, recovery: true, transports: ['polling'] }, 2);
    const seen = serverSockets(server.io).map(() => 0);
    for (const [i, socket] of serverSockets(server.io).entries()) socket.conn.on('packetCreate', () => seen[i]!++);
    const arrivals = server.clients.map(received);
    server.io.to('room').emit('bidPlaced', { amount: 1400 });
    expect(await Promise.all(arrivals)).toEqual([{ amount: 1400 }, { amount: 1400 }]);
    expect(seen).toEqual([1, 1]);
  });

  it('leaves a socket whose own emits and acks carry no pre-built frame to engine.io', async () => {
    const { io, clients } = await start({ direct: true, recovery: false }, 1);
    const { packets } = recordWrites(io);
    const got = new Promise((resolve) => clients[0]!.once('own', resolve));
    serverSockets(io)[0]!.emit('own', { n: 1 });
    expect(await got).toEqual({ n: 1 });
    expect(packets).toEqual([1]);
  });
});
