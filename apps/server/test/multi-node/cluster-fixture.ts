// Two (or more) real server processes sharing one PostgreSQL database and one Redis (multi-node mode),
// a TCP proxy that can move clients from one node to another, and signed-in users. Stopped at test end.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createRestClient } from '@bidwire/sdk';
import { onTestFinished } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { freePort, serverProcess, type ServerProcess } from '../support/server-process.js';

export interface ClusterUser {
  id: string;
  name: string;
  token: string;
}

export interface Cluster {
  nodes: ServerProcess[];
  signIn(name: string): Promise<ClusterUser>;
  signInMany(prefix: string, n: number): Promise<ClusterUser[]>;
}

let phones = 0;
const nextPhone = () => `+1666${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`;

export async function startCluster(size: number, env: Record<string, string> = {}): Promise<Cluster> {
  const redisUrl = process.env.BIDWIRE_TEST_REDIS_URL;
  if (!redisUrl) throw new Error('multi-node tests need BIDWIRE_TEST_REDIS_URL (the redis test project sets it)');
  const database = await createTestDatabase('postgresql');
  const shared = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `mn${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...env,
  };
  const nodes: ServerProcess[] = [];
  onTestFinished(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await database.drop();
  });
  // One after the other: the first applies the migrations.
  for (let i = 0; i < size; i++) nodes.push(await serverProcess({ databaseUrl: database.url, env: shared }));
  const rest = createRestClient({ baseUrl: nodes[0]!.url });
  const signIn = async (name: string) => {
    const phone = nextPhone();
    const { devCode } = await rest.requestOtp({ body: { phone } });
    const pair = await rest.verifyOtp({ body: { phone, code: devCode!, name } });
    return { id: pair.user.id, name: pair.user.name, token: pair.accessToken };
  };
  return {
    nodes,
    signIn,
    signInMany: async (prefix, n) => {
      const users: ClusterUser[] = [];
      for (let i = 0; i < n; i += 10) {
        users.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => signIn(`${prefix} ${i + j}`)))));
      }
      return users;
    },
  };
}

/** A TCP proxy in front of the nodes: clients connect to it, and `switchTo` sends new connections elsewhere. */
export async function startProxy(target: string) {
  let port = Number(new URL(target).port);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${listenPort}`,
    switchTo(url: string) {
      port = Number(new URL(url).port);
    },
  };
}
