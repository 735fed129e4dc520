// SPEC §1's finer points of the socket protocol, on raw socket.io-client sockets (issue 16, item 5): the ack
// is the last argument whatever comes before it; an unknown command is answered NOT_FOUND; the `error` event
// of a command sent without an ack carries `details`; a validly signed token whose user does not exist is
// refused at the handshake (UNAUTHENTICATED), on REST too.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { connectRaw, http, nextEvent, refusal, type AckResponse, type RawSocket } from './raw-socket.js';

const SECRET = 'protocol-test-secret-0123456789-abcdefgh';

/** Emits `args` as they are (the ack, when there is one, last) and resolves with the ack's answer. */
function emitWith(socket: RawSocket, name: string, ...args: unknown[]): Promise<AckResponse> {
  return new Promise((resolve, reject) => {
    socket.timeout(3_000).emit(name, ...args, (err: Error | null, res: AckResponse) =>
      err ? reject(new Error(`${name}: ${err.message}`)) : resolve(res),
    );
  });
}

/** A token signed with the server's key, issuer and audience for `sub`. */
const tokenFor = (sub: string) =>
  new SignJWT({ name: 'Ghost', roles: ['buyer', 'seller'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('bidwire')
    .setAudience('bidwire')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

describe('the socket protocol (SPEC §1)', () => {
  let t: TestServer;
  let alice: TestUser;
  let socket: RawSocket;

  beforeAll(async () => {
    t = await startServer({ JWT_SECRET: SECRET });
    alice = await t.signIn('Alice');
    socket = await connectRaw(t.url, { token: alice.token });
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('the ack is the last argument, whatever comes between the payload and it', async () => {
    const ok = await emitWith(socket, 'timeSync', {}, 'x');
    expect(ok).toMatchObject({ ok: true, data: { serverTime: expect.any(Number) } });
    const refused = await emitWith(socket, 'joinAuction', { auctionId: 42 }, 'x', 7, { more: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'auctionId' })] } } });
    // The ack alone (no payload) is still the ack.
    expect(await emitWith(socket, 'timeSync')).toMatchObject({ ok: true });
  });

  it('an unknown command sent with an ack is answered NOT_FOUND with the exact sentence', async () => {
    expect(await emitWith(socket, 'noSuchCommand', { a: 1 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown command noSuchCommand.' },
    });
    expect(await emitWith(socket, 'alsoUnknown')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown command alsoUnknown.' } });
    expect(await emitWith(socket, 'stillUnknown', {}, 'x', 'y')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The socket carries on.
    expect(socket.connected).toBe(true);
    expect(await emitWith(socket, 'timeSync', {})).toMatchObject({ ok: true });
  });

  it('an unknown command sent without an ack gets an `error` event naming it', async () => {
    const error = nextEvent<Record<string, unknown>>(socket, 'error');
    socket.emit('noSuchCommand', {});
    expect(await error).toEqual({ code: 'NOT_FOUND', message: 'Unknown command noSuchCommand.', command: 'noSuchCommand' });
  });

  it('the `error` event of a command sent without an ack carries the details', async () => {
    const error = nextEvent<Record<string, unknown>>(socket, 'error');
    socket.emit('joinAuction', { auctionId: 42 });
    expect(await error).toMatchObject({
      code: 'VALIDATION_FAILED',
      command: 'joinAuction',
      message: expect.stringContaining('Invalid joinAuction payload.'),
      details: { issues: [expect.objectContaining({ path: 'auctionId' })] },
    });
  });

  it('a validly signed token whose user does not exist is refused at the handshake, and on REST', async () => {
    const ghost = await tokenFor('no-such-user-0123456789');
    const err = await refusal(t.url, { token: ghost });
    expect(err.message).toBe('Invalid or expired token');
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
    const rest = await http(t.url, 'GET', '/me/winnings', { token: ghost });
    expect(rest.status).toBe(401);
    expect(rest.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Invalid or expired token' } });
    // The control case: the same kind of token for a user who exists connects.
    const real = await connectRaw(t.url, { token: await tokenFor(alice.id) });
    real.close();
  });
});
