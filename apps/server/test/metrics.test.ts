// GET /metrics (SPEC §9): Prometheus text that a real parser reads, with the series an operator alerts on
// moving when a bid is accepted, a bid is refused, a command fails validation and a client resyncs.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createLiveAuctionWithLot, flush } from './fixtures.js';
import { startServer } from './harness.js';
import { emitAck, connectRaw } from './raw-socket.js';
import { scrape } from './support/scrape.js';

describe('GET /metrics', () => {
  it('parses as Prometheus text, needs no token, and has the process metrics and event-loop lag', async () => {
    await using t = await startServer();
    const m = await scrape(t.url);
    const names = m.families.map((f) => f.name);
    for (const name of [
      'bidwire_connected_sockets',
      'bidwire_commands_total',
      'bidwire_command_duration_seconds',
      'bidwire_bids_total',
      'bidwire_events_broadcast_total',
      'bidwire_resync_requests_total',
      'bidwire_resync_events_replayed_total',
      'bidwire_game_rounds_settled_total',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(m.families.find((f) => f.name === 'bidwire_command_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(m.families.find((f) => f.name === 'bidwire_commands_total')?.type).toBe('COUNTER');
  });

  it('moves the command, bid, broadcast and resync series, and counts the connected sockets', async () => {
    await using t = await startServer();
    const [owner, bidder] = await Promise.all(['Owner', 'Bidder'].map((n) => t.signIn(n)));
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100, minIncrement: 10 });
    const client = await bidder!.connect();
    const { seq } = await client.joinAuction({ auctionId });
    const before = await scrape(t.url);
    expect(before.value('bidwire_connected_sockets')).toBe(2); // the owner's client and the bidder's

    await client.placeBid({ auctionId, amount: 100 }); // accepted
    await expect(client.placeBid({ auctionId, amount: 105 })).rejects.toMatchObject({ code: 'BID_TOO_LOW' });
    const raw = await connectRaw(t.url, { token: bidder!.token });
    const invalid = await emitAck(raw, 'placeBid', { auctionId, amount: -5 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const replay = await client.resync({ room: { type: 'auction', id: auctionId }, afterSeq: seq });
    expect('events' in replay && replay.events.length).toBe(1);
    await expect(client.resync({ room: { type: 'user', id: owner!.id }, afterSeq: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await flush(client);

    const after = await scrape(t.url);
    const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(after.value('bidwire_connected_sockets')).toBe(3);
    expect(moved('bidwire_commands_total', { command: 'placeBid', outcome: 'ok' })).toBe(1);
    expect(moved('bidwire_commands_total', { command: 'placeBid', outcome: 'BID_TOO_LOW' })).toBe(1);
    expect(moved('bidwire_commands_total', { command: 'placeBid', outcome: 'VALIDATION_FAILED' })).toBe(1);
    expect(moved('bidwire_commands_total', { command: 'resync', outcome: 'ok' })).toBe(1);
    expect(moved('bidwire_commands_total', { command: 'resync', outcome: 'FORBIDDEN' })).toBe(1);
    expect(moved('bidwire_command_duration_seconds', { command: 'placeBid' })).toBe(3);
    expect(moved('bidwire_bids_total', { result: 'accepted' })).toBe(1);
    expect(moved('bidwire_bids_total', { result: 'BID_TOO_LOW' })).toBe(1);
    expect(moved('bidwire_bids_total', { result: 'VALIDATION_FAILED' })).toBe(1);
    expect(moved('bidwire_bids_total', { result: 'auto' })).toBe(0);
    expect(moved('bidwire_events_broadcast_total', { event: 'bidPlaced' })).toBe(1);
    expect(moved('bidwire_resync_requests_total', { room: 'auction', answer: 'events' })).toBe(1);
    expect(moved('bidwire_resync_events_replayed_total', { room: 'auction' })).toBe(1);
    // Earlier: the auction started (to everyone) and its lot opened (to the room), once each.
    expect(after.value('bidwire_events_broadcast_total', { event: 'auctionStarted' })).toBe(1);
    expect(after.value('bidwire_events_broadcast_total', { event: 'lotOpened' })).toBe(1);
    raw.disconnect();
  });

  it('labels every series with the node in multi-node mode (REDIS_URL), and not otherwise', async () => {
    await using t = await startServer();
    const m = await scrape(t.url);
    const node = `${hostname()}:${process.pid}`;
    const labels = m.labelSets('bidwire_connected_sockets').concat(m.labelSets('process_cpu_seconds_total'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l.node).toBe(t.server.config.redisUrl ? node : undefined);
  });
});
