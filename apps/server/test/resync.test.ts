// `resync` (SPEC §7): replay of a room's durable events in order, a snapshot once the gap is older
// than the log keeps, the caller's rights, and the SDK healing a lost live event through it.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot } from './fixtures.js';
import { cut, recordSeqs, resilientClient, restore, waitFor } from './support/resilient-client.js';

describe('resync', () => {
  it('replays the events after a seq in order, marked replayed, with the payloads first sent', async () => {
    await using t = await startServer();
    const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const client = await bidder!.connect();
    const live = recordSeqs(client, 'bidPlaced');
    const { seq: start } = await client.joinAuction({ auctionId });
    for (const amount of [100, 110, 120]) await client.placeBid({ auctionId, amount });
    await waitFor(() => live.length === 3, 'the live bids');

    const answer = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: start });
    if (!('events' in answer)) throw new Error('expected events');
    expect(answer.events.map((e) => [e.event, e.payload.seq, e.payload.replayed])).toEqual([
      ['bidPlaced', start + 1, true],
      ['bidPlaced', start + 2, true],
      ['bidPlaced', start + 3, true],
    ]);
    expect(answer.events.map((e) => ({ ...e.payload, replayed: undefined }))).toEqual(live.map((l) => ({ ...(l.payload as object), replayed: undefined })));
    await expect(client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: start + 3 })).resolves.toEqual({ events: [], hasMore: false, nextAfterSeq: start + 3 });
    // A client ahead of the room (any seq, however large: the SDK asks so for its user room's seq) gets the snapshot.
    const ahead = await client.resync({ room: { type: 'user', id: 'me' }, afterSeq: Number.MAX_SAFE_INTEGER });
    expect(ahead).toEqual({ snapshot: { seq: expect.any(Number), serverTime: expect.any(Number) } });
    const aheadOfAuction = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: Number.MAX_SAFE_INTEGER });
    expect(aheadOfAuction).toMatchObject({ snapshot: { seq: start + 3 } });
  });

  it('answers the room snapshot when the gap is older than the log keeps (retention made tiny)', async () => {
    await using t = await startServer({ ROOM_LOG_MIN_EVENTS: '5', ROOM_LOG_MIN_AGE_SECONDS: '0' });
    const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => t.signIn(n)));
    const { auctionId, lot } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const client = await bidder!.connect();
    const { seq: start } = await client.joinAuction({ auctionId });
    for (let i = 0; i < 12; i++) await client.placeBid({ auctionId, amount: 100 + i });
    const current = start + 12;
    expect(await t.server.maintenance.pruneRoomLog()).toBe(current - 5);

    const old = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: start });
    if (!('snapshot' in old)) throw new Error('expected a snapshot');
    expect(old.snapshot).toMatchObject({ seq: current, lot: { id: lot.id, highestBid: 111, bidCount: 12 }, auction: { id: auctionId } });
    // The last 5 are still replayable.
    const recent = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: current - 5 });
    expect('events' in recent && recent.events.map((e) => e.payload.seq)).toEqual([current - 4, current - 3, current - 2, current - 1, current]);
    // A client ahead of the room (another database, a reset) gets the snapshot too.
    await expect(client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: current + 10 })).resolves.toHaveProperty('snapshot.seq', current);
  });

  it('the SDK applies the snapshot through onSnapshot when it was away too long', async () => {
    await using t = await startServer({ ROOM_LOG_MIN_EVENTS: '2', ROOM_LOG_MIN_AGE_SECONDS: '0', CONNECTION_RECOVERY_MS: '0' });
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const bidderClient = await bidder!.connect();
    await bidderClient.joinAuction({ auctionId });
    const client = await resilientClient(t.url, { token: watcher!.token });
    const seen = recordSeqs(client, 'bidPlaced');
    const snapshots: { room: unknown; seq: number; highestBid: number | null | undefined }[] = [];
    client.onSnapshot((room, s) => snapshots.push({ room, seq: s.seq, highestBid: 'lot' in s ? s.lot?.highestBid : undefined }));
    const { seq: start } = await client.joinAuction({ auctionId });

    await cut(client);
    for (let i = 0; i < 6; i++) await bidderClient.placeBid({ auctionId, amount: 100 + i });
    await t.server.maintenance.pruneRoomLog();
    await restore(client);
    await waitFor(() => snapshots.length === 1, 'the snapshot');
    expect(snapshots[0]).toEqual({ room: { type: 'auction', id: auctionId }, seq: start + 6, highestBid: 105 });
    expect(seen).toEqual([]);
    await bidderClient.placeBid({ auctionId, amount: 200 });
    await waitFor(() => seen.length === 1, 'the next live bid');
    expect(seen[0]).toMatchObject({ seq: start + 7, replayed: false });
  });

  it('checks the right to the room', async () => {
    await using t = await startServer();
    const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((n) => t.signIn(n)));
    const client = await alice!.connect();
    const resync = (type: 'auction' | 'user' | 'conversation' | 'topic', id: string) => client.resync({ room: { type, id }, afterSeq: 0 });
    await expect(resync('auction', 'no-such-auction')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Auction not found.' });
    await expect(resync('user', bob!.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resync('user', 'me')).resolves.toEqual({ events: [], hasMore: false, nextAfterSeq: 0 });
    await expect(resync('user', alice!.id)).resolves.toEqual({ events: [], hasMore: false, nextAfterSeq: 0 });
    // Conversations and topics answer through their own modules' access rules: refused for a stranger.
    const refused = { code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) };
    await expect(resync('conversation', 'c1')).rejects.toMatchObject(refused);
    await expect(resync('topic', 'request:42')).rejects.toMatchObject(refused);
  });
});

describe('a live event lost on the way (BIDWIRE_TEST_DROP_EMIT)', () => {
  it('is noticed from the seq gap and healed by a resync, in order', async () => {
    await using t = await startServer({ BIDWIRE_TEST_DROP_EMIT: 'bidPlaced:3' });
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const bidderClient = await bidder!.connect();
    await bidderClient.joinAuction({ auctionId });
    const client = await watcher!.connect();
    const raw: number[] = [];
    client.socket.on('bidPlaced', (p) => raw.push(p.seq));
    const seen = recordSeqs(client, 'bidPlaced');
    const { seq: start } = await client.joinAuction({ auctionId });

    for (let i = 0; i < 5; i++) await bidderClient.placeBid({ auctionId, amount: 100 + i });
    await waitFor(() => seen.length === 5, 'all 5 bids, the lost one included');
    expect(raw).not.toContain(start + 3); // the third never came live
    expect(seen.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5].map((i) => start + i));
    expect(seen[2]).toMatchObject({ replayed: true, payload: { highestBid: 102 } });
    expect(seen.slice(0, 2).every((s) => !s.replayed)).toBe(true);
  });
});
