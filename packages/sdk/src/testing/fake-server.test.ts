// The test kit's fake server with the real client: scripted answers, events, validation both ways,
// connection failures, and the room replay the client relies on after a gap.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BidwireError, createClient, type BidwireClient } from '../index.js';
import { ContractViolation, createFakeServer, createTestClient, whenConnected, type FakeServer } from './index.js';
import { auctionFixture, bidFixture, lotFixture, snapshotFixture } from './fixtures.js';

const open: { client: BidwireClient; server: FakeServer }[] = [];
function setup(options: Parameters<typeof createTestClient>[0] = {}) {
  const pair = createTestClient({ commandTimeoutMs: 500, ...options });
  open.push(pair);
  return pair;
}


afterEach(() => {
  for (const { client, server } of open.splice(0)) {
    client.close();
    server.close({ allowViolations: true });
  }
});

describe('commands', () => {
  test('a scripted handler answers with the contract’s data; the server records the validated payload', async () => {
    const { client, server } = setup();
    const lot = lotFixture({ auctionId: 'a1', highestBid: 120, bidCount: 1 });
    server.handle('placeBid', (input) => ({ bid: bidFixture({ auctionId: input.auctionId, lotId: lot.id, amount: input.amount }), lot, myMaxBid: input.amount }));
    const result = await client.placeBid({ auctionId: 'a1', amount: 120, requestId: 'r-1' });
    expect(result.bid.amount).toBe(120);
    expect(result.lot).toEqual(lot);
    expect(server.commandsOf('placeBid')).toEqual([{ auctionId: 'a1', amount: 120, requestId: 'r-1' }]);
    await expect(server.nextCommand('placeBid')).resolves.toEqual({ auctionId: 'a1', amount: 120, requestId: 'r-1' });
  });

  test('a fixed answer, and ctx.fail() with a declared code reaching the client as a BidwireError', async () => {
    const { client, server } = setup();
    server.handle('leaveAuction', {});
    server.handle('placeBid', (_input, { fail }) => fail('BID_TOO_LOW', 'Bid must be at least 130.', { min: 130 }));
    await expect(client.leaveAuction({ auctionId: 'a1' })).resolves.toEqual({});
    const error = await client.placeBid({ auctionId: 'a1', amount: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BidwireError);
    expect(error).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be at least 130.', details: { min: 130 }, command: 'placeBid' });
    expect(server.violations).toEqual([]);
  });

  test('an invalid payload gets VALIDATION_FAILED with the field issues, like the real server', async () => {
    const { client, server } = setup();
    server.handle('placeBid', () => {
      throw new Error('never called');
    });
    const error = await client.placeBid({ auctionId: 'a1', amount: -5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Invalid placeBid payload.' });
    expect((error as BidwireError).details).toMatchObject({ issues: [{ path: 'amount', code: 'too_small' }] });
    expect(server.received.filter((r) => r.command !== 'resync')).toMatchObject([{ command: 'placeBid', valid: false }]);
    expect(server.commandsOf('placeBid')).toEqual([]);
  });

  test('an unscripted command is answered INTERNAL with a hint; timeSync works out of the box', async () => {
    const { client } = setup();
    await expect(client.awardLot({ auctionId: 'a1' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: "The fake server has no handler for awardLot: add server.handle('awardLot', ...).",
    });
    const { serverTime } = await client.timeSync();
    expect(Math.abs(serverTime - Date.now())).toBeLessThan(1_000);
  });

  test('a handler that never answers makes the command time out', async () => {
    const { client, server } = setup();
    server.handle('leaveBroadcast', () => new Promise(() => {}));
    await expect(client.leaveBroadcast({ auctionId: 'a1' }, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('contract checks on what the test makes the server say', () => {
  test('an answer that breaks the response schema fails the command and is a violation close() reports', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client, server } = setup();
    server.handle('placeBid', () => ({ bid: bidFixture(), lot: { ...lotFixture(), highestBid: 'lots' } }) as never);
    await expect(client.placeBid({ auctionId: 'a1', amount: 5 })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(server.violations).toHaveLength(1);
    expect(server.violations[0]).toContain('lot.highestBid');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(() => server.close()).toThrow(ContractViolation);
    errors.mockRestore();
  });

  test('failing with a code the command does not declare is a violation', async () => {
    vi.spyOn(console, 'error').mockImplementationOnce(() => {});
    const { client, server } = setup();
    server.handle('joinAuction', (_input, { fail }) => (fail as (code: string, message: string) => never)('BID_TOO_LOW', 'nope'));
    await expect(client.joinAuction({ auctionId: 'a1' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(server.violations[0]).toContain('joinAuction failed with BID_TOO_LOW, which it does not declare');
  });

  test('emitting a payload that breaks the event schema throws at once', () => {
    const { server } = setup();
    expect(() => server.emit('viewerCountChanged', { auctionId: 'a1', viewerCount: -1 })).toThrow(ContractViolation);
    // @ts-expect-error not an event of the contract
    expect(() => server.emit('bidPlacedd', {})).toThrow('bidPlacedd is not an event of the contract.');
  });
});

describe('events', () => {
  test('reach the client’s listeners; room events get seq and at from the fake when left out', async () => {
    const { client, server } = setup();
    await whenConnected(client);
    const seen = client.waitFor('bidPlaced');
    const sent = server.emit('bidPlaced', { auctionId: 'a1', lotId: 'l1', bid: bidFixture({ amount: 150 }), highestBid: 150, bidCount: 1 });
    expect(sent).toMatchObject({ seq: 1, at: expect.any(String) });
    await expect(seen).resolves.toEqual(sent);
    expect(server.lastSeq({ type: 'auction', id: 'a1' })).toBe(1);
  });

  test('a joined room that misses an event is resynced from what the fake emitted', async () => {
    const { client, server } = setup();
    const auction = auctionFixture({ id: 'a1', status: 'live' });
    server.handle('joinAuction', () => snapshotFixture({ auction, seq: server.lastSeq({ type: 'auction', id: 'a1' }) }));
    await client.joinAuction({ auctionId: 'a1' });
    const amounts: { amount: number; replayed: boolean }[] = [];
    client.on('bidPlaced', (p) => amounts.push({ amount: p.highestBid, replayed: p.replayed === true }));
    const bid = (amount: number) => ({ auctionId: 'a1', lotId: 'l1', bid: bidFixture({ amount }), highestBid: amount, bidCount: 1 });
    await new Promise((r) => setTimeout(r, 0)); // the join's snapshot is applied after the answer
    // Seq 1 goes to nobody (as if lost on the network), seq 2 reaches the client: a gap.
    server.emit('bidPlaced', bid(110), { to: [] });
    server.emit('bidPlaced', bid(120));
    await vi.waitFor(() => expect(amounts).toHaveLength(2));
    expect(amounts).toEqual([
      { amount: 110, replayed: true },
      { amount: 120, replayed: true },
    ]);
    expect(server.commandsOf('resync').filter((r) => r.room.type === 'auction')).toEqual([{ room: { type: 'auction', id: 'a1' }, afterSeq: 0 }]);
  });
});

describe('connections', () => {
  test('a connection without a token is refused like the real server', async () => {
    const server = createFakeServer();
    const client = createClient({ ...server.clientOptions() });
    open.push({ client, server });
    const info = await new Promise((resolve) => client.onConnectError(resolve));
    expect(info).toEqual({ message: 'No token provided', code: 'UNAUTHENTICATED' });
    expect(client.state).toBe('disconnected');
  });

  test('a custom authenticate sees the handshake auth', async () => {
    const { client, server } = setup({ token: 'alice', serverOptions: { authenticate: (auth) => auth.token === 'bob' || { message: 'Invalid or expired token', code: 'UNAUTHENTICATED' } } });
    await expect(new Promise((resolve) => client.onConnectError(resolve))).resolves.toEqual({ message: 'Invalid or expired token', code: 'UNAUTHENTICATED' });
    expect(server.connections).toEqual([]);
  });

  test('dropConnections(): the client reconnects by itself, rejoins its rooms, and a safe command in flight is resent', async () => {
    const { client, server } = setup();
    server.handle('joinAuction', (input) => snapshotFixture({ auction: auctionFixture({ id: input.auctionId, status: 'live' }) }));
    await client.joinAuction({ auctionId: 'a1' });
    const states: string[] = [];
    client.onState((s) => states.push(s));
    let calls = 0;
    server.handle('postComment', (input, { connection }) => {
      calls++;
      if (calls === 1) {
        connection.drop();
        return new Promise(() => {});
      }
      return { comment: { id: 'c1', auctionId: input.auctionId, user: { id: 'u1', name: 'Ann' }, text: input.text, createdAt: new Date().toISOString() } };
    });
    const result = await client.postComment({ auctionId: 'a1', text: 'hello' });
    expect(result.comment.text).toBe('hello');
    expect(states).toEqual(['reconnecting', 'connected']);
    const [first, second] = server.commandsOf('postComment');
    expect(second?.requestId).toBe(first?.requestId);
    expect(server.commandsOf('joinAuction')).toHaveLength(2);
  });

  test('expireSessions(): a client with getToken comes back with a fresh token', async () => {
    let n = 0;
    const { client, server } = setup({ getToken: () => `token-${++n}` });
    await whenConnected(client);
    server.expireSessions();
    await vi.waitFor(() => expect(server.connections.map((c) => c.auth.token)).toEqual(['token-2']));
    expect(client.state).toBe('connected');
  });

  test('expireSessions(): a command sent as the session ends is refused unrun and goes again, once, on the fresh session', async () => {
    let n = 0;
    const { client, server } = setup({ getToken: () => `token-${++n}` });
    const lot = lotFixture({ auctionId: 'a1' });
    const ranOn: unknown[] = [];
    server.handle('openLot', (_input, { connection }) => {
      ranOn.push(connection.auth.token);
      return { lot };
    });
    await whenConnected(client);
    // The server ends the session before the command (sent in the same turn) reaches it: it refuses it unrun.
    server.expireSessions({ closeAfterMs: 1_000 });
    await expect(client.openLot({ auctionId: 'a1', product: 'Tea', startingPrice: 100 })).resolves.toEqual({ lot });
    expect(ranOn).toEqual(['token-2']);
    expect(server.commandsOf('openLot')).toHaveLength(1);
    // The client closed the old connection itself (before the server's close, 1 s later) and is back.
    expect(server.connections.map((c) => c.auth.token)).toEqual(['token-2']);
    expect(client.state).toBe('connected');
  });

  test('expireSessions() without getToken: the refusal reaches the app (UNAVAILABLE, not run) and the client stays down', async () => {
    const { client, server } = setup();
    server.handle('openLot', { lot: lotFixture({ auctionId: 'a1' }) });
    await whenConnected(client);
    server.expireSessions({ closeAfterMs: 50 });
    await expect(client.openLot({ auctionId: 'a1', product: 'Tea', startingPrice: 100 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Your session has expired. Reconnect with a fresh token.',
      details: { reason: 'sessionExpired' },
    });
    expect(server.commandsOf('openLot')).toEqual([]);
    await vi.waitFor(() => expect(client.state).toBe('disconnected'));
  });

  test('a server that disconnects again within a second: the client waits out the delay, and the app may call it off', async () => {
    const { client, server } = setup({ socketOptions: { reconnectionDelay: 300, reconnectionDelayMax: 300 } });
    await whenConnected(client);
    const states: string[] = [];
    client.onState((state) => states.push(state));
    for (const c of server.connections) c.disconnect();
    await vi.waitFor(() => expect(server.connections).toHaveLength(1));
    await vi.waitFor(() => expect(client.state).toBe('connected'));
    for (const c of server.connections) c.disconnect();
    await vi.waitFor(() => expect(client.state).toBe('reconnecting'));
    client.disconnect();
    await new Promise((r) => setTimeout(r, 500));
    expect(server.connections).toEqual([]);
    expect(client.state).toBe('disconnected');
    expect(states).toEqual(['reconnecting', 'connected', 'reconnecting', 'disconnected']);
  });

  test('disconnectAll() ends the sessions: a server-side disconnect, and the token is refused on the way back', async () => {
    const { client, server } = setup();
    await whenConnected(client);
    server.disconnectAll();
    await vi.waitFor(() => expect(client.state).toBe('disconnected'));
    expect(server.connections).toEqual([]);
  });
});
