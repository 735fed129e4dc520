// Property-based fuzzing of every command (issue 16): payloads generated from the contract's zod schemas,
// of the right shape and not, sent by an auction's owner and a joined bidder on raw sockets. Whatever comes,
// the server answers every one (no crash, no disconnect) with a code the command declares, never INTERNAL;
// a refused payload gets VALIDATION_FAILED and changes nothing in the database.
// Bounded for CI: BIDWIRE_FUZZ_RUNS payloads of each kind per command (default 25); BIDWIRE_FUZZ_SEED replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, type CommandName } from '@bidwire/contract';
import { parseInput } from '../src/lib/parse-input.js';
import { everyRateLimitAt, startServer, type TestServer } from './harness.js';
import { connectRaw, emitAck, liveAuction, type AckResponse, type LiveAuction, type RawSocket } from './raw-socket.js';
import { databaseState as databaseStateOf } from './support/database-state.js';
import { invalidArbitrary, overTheWire, shapedArbitrary, type ArbitraryHints } from './support/zod-arbitrary.js';

const RUNS = Number(process.env.BIDWIRE_FUZZ_RUNS ?? 25);
const SEED = process.env.BIDWIRE_FUZZ_SEED === undefined ? undefined : Number(process.env.BIDWIRE_FUZZ_SEED);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

describe('fuzzed commands', () => {
  let t: TestServer;
  let a: LiveAuction;
  let sockets: RawSocket[];
  const disconnects: string[] = [];
  let hints: ArbitraryHints;

  const databaseState = () => databaseStateOf(t);

  const send = async (socket: RawSocket, name: CommandName, payload: unknown): Promise<AckResponse> => {
    const ack = await emitAck(socket, name, payload, 10_000);
    // Socket.IO drops the ack of a socket that went away: the connection must still be there.
    expect(socket.connected, `${name} ${JSON.stringify(payload)}: still connected`).toBe(true);
    if (!ack.ok) {
      expect(commands[name].errors, `${name} ${JSON.stringify(payload)} answered ${ack.error.code}: ${ack.error.message}`).toContain(ack.error.code);
      expect(ack.error.code, `${name} ${JSON.stringify(payload)}: ${ack.error.message}`).not.toBe('INTERNAL');
      expect(typeof ack.error.message).toBe('string');
    }
    return ack;
  };

  beforeAll(async () => {
    // Thousands of commands from two users: every rate limit lifted (each bucket the server has, so a new one is too).
    t = await startServer({ RATE_LIMITS: everyRateLimitAt(1_000_000) });
    a = await liveAuction(t);
    sockets = [await connectRaw(t.url, { token: a.owner.token }), await connectRaw(t.url, { token: a.bidder.token })];
    for (const s of sockets) s.on('disconnect', (reason: string) => disconnects.push(reason));
    for (const s of sockets) expect((await emitAck(s, 'joinAuction', { auctionId: a.auctionId })).ok).toBe(true);
    const scheduled = await a.owner.rest.createAuction({ body: { title: 'Not started' } });
    const conversation = await a.owner.rest.createConversation({ body: { participantIds: [a.bidder.id] } });
    const sent = await emitAck(sockets[1]!, 'sendMessage', { conversationId: conversation.id, text: 'Fresh?' });
    const messageId = sent.ok ? (sent.data as { message: { id: string } }).message.id : 'none';
    await t.server.publish({
      event: 'levelUp', payload: { userId: a.bidder.id, level: 2, previousLevel: 1 }, to: { users: [a.bidder.id] }, notify: { title: 'Level 2', body: 'Well done' },
    });
    const notifications = await a.bidder.rest.listNotifications({ query: { limit: 10 } });
    const userIds = [a.owner.id, a.bidder.id];
    hints = {
      pools: {
        auctionId: [a.auctionId, scheduled.id],
        conversationId: [conversation.id],
        messageId: [messageId],
        upToMessageId: [messageId],
        userIds,
        ids: notifications.items.map((n) => n.id),
        id: [a.auctionId, conversation.id, 'me', a.bidder.id, 'request:42'],
        topic: ['request:42'],
        afterSeq: [0, 1, 2],
        amount: [150, 160, 1_000],
        startingPrice: [100],
      },
    };
  });
  afterAll(async () => {
    for (const s of sockets ?? []) s.close();
    await t?.close();
  });

  it.each(commandNames)('%s: the generator is worth something: most payloads of the right shape pass the schema', (name) => {
    const schema = commands[name].request;
    // A fixed seed: this checks the generator, not the server, and must not flake.
    const sample = fc.sample(shapedArbitrary(schema, hints).map(overTheWire), { numRuns: 200, seed: 42 });
    const passed = sample.filter((payload) => schema.safeParse(payload).success).length;
    expect(passed, `${name}: ${passed} of 200 passed`).toBeGreaterThanOrEqual(40);
  });

  it.each(commandNames)('%s: refused payloads → VALIDATION_FAILED, nothing changes', async (name) => {
    const schema = commands[name].request;
    const before = await databaseState();
    await fc.assert(
      fc.asyncProperty(invalidArbitrary(schema, hints), fc.nat(1), async (payload, who) => {
        const ack = await send(sockets[who]!, name, payload);
        expect(ack, `${name} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid ${name} payload.` } });
      }),
      params,
    );
    expect(await databaseState()).toEqual(before);
    expect(disconnects).toEqual([]);
  });

  it.each(commandNames)('%s: payloads of the right shape → ok or a declared error, never INTERNAL', async (name) => {
    const schema = commands[name].request;
    await fc.assert(
      fc.asyncProperty(shapedArbitrary(schema, hints).map(overTheWire), fc.nat(1), async (payload, who) => {
        const ack = await send(sockets[who]!, name, payload);
        // What the schema refuses is refused as such.
        if (!parseInput(schema, payload).success) expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }),
      params,
    );
    expect(disconnects).toEqual([]);
  });

  it('the server still answers everyone afterwards', async () => {
    for (const s of sockets) expect((await emitAck(s, 'timeSync', {})).ok).toBe(true);
    expect((await (await a.bidder.rest.getAuction({ params: { id: a.auctionId } })).id)).toBe(a.auctionId);
  });
});
