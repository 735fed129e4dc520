// The order of acks and room broadcasts on one socket (SPEC §1; issue 18). A bid's ack goes before the room's
// bidPlaced (realtime/replies-first.ts), so the bidder learns the outcome without waiting for the fan-out;
// every other ack still comes after the events its answer already holds, so a joinAuction snapshot is
// never followed by an event with a seq it covers. Raw sockets: the order of packets is what is checked.
import { describe, expect, it } from 'vitest';
import { createLiveAuctionWithLot, joinAll, signInMany, waitUntil } from './fixtures.js';
import { startServer } from './harness.js';
import { connectRaw, emitAck, type AckResponse, type RawSocket } from './raw-socket.js';

const seqOf = (payload: unknown): number | undefined =>
  typeof payload === 'object' && payload !== null && 'seq' in payload && typeof payload.seq === 'number' ? payload.seq : undefined;

describe('acks and broadcasts on one socket', () => {
  it("a bidder's ack arrives before the room's bidPlaced of that bid, with viewers in the room", async () => {
    await using t = await startServer();
    const [owner, bidderUser, ...viewerUsers] = await signInMany(t, 12);
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    await joinAll(viewerUsers, auctionId);
    const bidder = await connectRaw(t.url, { token: bidderUser!.token });
    try {
      expect(await emitAck(bidder, 'joinAuction', { auctionId })).toMatchObject({ ok: true });
      // Arrival order on the bidder's socket, written by the ack callback and the event listener themselves.
      const arrivals: string[] = [];
      bidder.on('bidPlaced', (p: { bid: { id: string } }) => void arrivals.push(`event ${p.bid.id}`));
      const ids: string[] = [];
      for (let i = 1; i <= 30; i++) {
        const res = await new Promise<AckResponse>((resolve) =>
          bidder.emit('placeBid', { auctionId, amount: 100 + i }, (r: AckResponse) => {
            if (r.ok) arrivals.push(`ack ${(r.data as { bid: { id: string } }).bid.id}`);
            resolve(r);
          }),
        );
        expect(res).toMatchObject({ ok: true });
        ids.push((res as { data: { bid: { id: string } } }).data.bid.id);
      }
      await waitUntil(() => arrivals.length === 60, 'the 30 bidPlaced events');
      for (const id of ids) {
        expect(arrivals.indexOf(`ack ${id}`), `bid ${id}: ${arrivals.join(', ')}`).toBeLessThan(arrivals.indexOf(`event ${id}`));
      }
    } finally {
      bidder.close();
    }
  });

  it('a joinAuction snapshot taken while bids commit: no later event repeats a seq it holds, and none is missing', async () => {
    await using t = await startServer();
    const [owner, ...users] = await signInMany(t, 5);
    const bidderUsers = users.slice(0, 3);
    const viewerUser = users[3]!;
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 100 });
    const bidders = await joinAll(bidderUsers, auctionId);

    // Bidders outbid each other as fast as their acks come back until the joins are done.
    let bidding = true;
    let amount = 100;
    const loops = bidders.map(async (client) => {
      while (bidding) await client.placeBid({ auctionId, amount: ++amount }).catch(() => undefined);
    });

    const sockets: RawSocket[] = [];
    try {
      for (let round = 0; round < 25; round++) {
        const socket = await connectRaw(t.url, { token: viewerUser.token });
        sockets.push(socket);
        const events: { seq: number; afterAck: boolean }[] = [];
        let acked = false;
        socket.onAny((_event: string, payload: unknown) => {
          const seq = seqOf(payload);
          if (seq !== undefined) events.push({ seq, afterAck: acked });
        });
        const snapshotSeq = await new Promise<number>((resolve, reject) =>
          socket.emit('joinAuction', { auctionId }, (r: AckResponse) => {
            acked = true;
            if (r.ok) resolve((r.data as { seq: number }).seq);
            else reject(new Error(r.error.message));
          }),
        );
        // Let a few more bids arrive, then check this socket's view.
        await waitUntil(() => events.some((e) => e.afterAck), 'an event after the snapshot');
        const late = events.filter((e) => e.afterAck && e.seq <= snapshotSeq);
        expect(late, `round ${round}: events after the snapshot (seq ${snapshotSeq}) that it already holds`).toEqual([]);
        // What a client keeps (everything above the snapshot's seq, before or after the ack) is gap-free.
        const kept = events.filter((e) => e.seq > snapshotSeq).map((e) => e.seq);
        expect(kept, `round ${round}`).toEqual(kept.map((_, i) => snapshotSeq + 1 + i));
        socket.close();
      }
    } finally {
      bidding = false;
      await Promise.all(loops);
      for (const s of sockets) s.close();
    }
  });
});
