// SPEC §1 "Contract versions": the SDK sends its contract version in every handshake (with a fixed token
// or a getter), and a refusal for another major reaches onConnectError with its code.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CONTRACT_VERSION, createClient, type BidwireClient, type ConnectErrorInfo } from './index.js';

let io: Server;
let url: string;
const handshakes: unknown[] = [];

beforeAll(async () => {
  const http = createServer();
  io = new Server(http);
  io.use((socket, next) => {
    handshakes.push(socket.handshake.auth);
    if (socket.handshake.auth.token === 'old-app') {
      const err = Object.assign(new Error(`Incompatible client: contract ${CONTRACT_VERSION}, server 99.0.0`), {
        data: { code: 'INCOMPATIBLE_CONTRACT', server: '99.0.0' },
      });
      return next(err);
    }
    next();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => io.close(() => resolve())));

const connected = (client: BidwireClient) =>
  new Promise<void>((resolve) => {
    const off = client.onState((s) => s === 'connected' && (off(), resolve()));
  });
const refused = (client: BidwireClient) => new Promise<ConnectErrorInfo>((resolve) => client.onConnectError(resolve));
const options = { reconnection: false, transports: ['websocket'] };

test('the contract version is a semver string, the package version', () => {
  expect(CONTRACT_VERSION).toMatch(/^\d+\.\d+\.\d+/);
});

test('a fixed token: the handshake carries the token and the contract version', async () => {
  handshakes.length = 0;
  const client = createClient({ url, token: 't1', socketOptions: options });
  await connected(client);
  client.close();
  expect(handshakes).toEqual([{ token: 't1', contract: CONTRACT_VERSION }]);
});

test('a token getter, and no token at all: the contract version is sent anyway', async () => {
  handshakes.length = 0;
  const withGetter = createClient({ url, getToken: async () => 't2', socketOptions: options });
  await connected(withGetter);
  withGetter.close();
  const without = createClient({ url, socketOptions: options });
  await connected(without);
  without.close();
  expect(handshakes).toEqual([{ token: 't2', contract: CONTRACT_VERSION }, { contract: CONTRACT_VERSION }]);
});

test('a refusal for another major reaches onConnectError with INCOMPATIBLE_CONTRACT', async () => {
  const client = createClient({ url, token: 'old-app', socketOptions: options });
  const info = await refused(client);
  client.close();
  expect(info).toEqual({ message: `Incompatible client: contract ${CONTRACT_VERSION}, server 99.0.0`, code: 'INCOMPATIBLE_CONTRACT' });
});
