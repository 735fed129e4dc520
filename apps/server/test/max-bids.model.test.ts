// Model-based test of maximum (proxy) bids through the real server, on every database project: random sequences
// of bids from 2–6 bidders (fast-check, seeded), with and without maxima, invalid maxima included, one lot per
// sequence. After every bid the ack, the broadcasts and the `outbid` events must equal the reference model's step
// (test/support/proxy-model.ts): refusal or not, the bids recorded (manual, automatic), the leader, highestBid,
// the count, myMaxBid; the award goes to the model's leader at its price. The pure bid step gets 600 sequences in
// src/modules/auction/bid-batch.model.test.ts; here 500 (SQLite) or 60 (other projects) go through sockets.
import { BidwireError, type BidwireClient } from '@bidwire/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flush, joinAll, record, signInMany, waitUntil } from './fixtures.js';
import { sequences } from './support/proxy-arbitraries.js';
import { concrete, ProxyModel } from './support/proxy-model.js';

// 500 sequences on SQLite (every CI run), 60 on the other projects; BIDWIRE_MODEL_SEQUENCES overrides both.
const SEQUENCES = Number(process.env.BIDWIRE_MODEL_SEQUENCES ?? (process.env.BIDWIRE_TEST_DB === 'sqlite' ? 500 : 60));
// Sequences run in this many auctions at once, each with its own users (so user-room events stay apart).
const LANES = 5;
const STARTING_PRICE = 100;

describe('maximum bids: the server against the reference model', () => {
  it(`${SEQUENCES} random sequences, bid by bid`, { timeout: 60_000 + SEQUENCES * 2_000 }, async () => {
    await using t = await startServer({ RATE_LIMITS: 'placeBid=10000,*=10000' });
    const samples = fc.sample(sequences({ invalidMaxima: true, maxLength: 15 }), { numRuns: SEQUENCES, seed: 20261201 });
    const seen = { withMaxima: 0, bids: 0, auto: 0, refused: 0, raises: 0 };
    const lanes = Array.from({ length: LANES }, (_, lane) => samples.map((seq, n) => ({ seq, n })).filter(({ n }) => n % LANES === lane));
    await Promise.all(lanes.map((lane) => runLane(lane)));
    // The sample covers every kind of step (seeded, so the same on every run).
    expect(seen.withMaxima).toBeGreaterThan(0);
    expect(seen.withMaxima).toBeLessThan(SEQUENCES);
    for (const kind of ['bids', 'auto', 'refused', 'raises'] as const) expect(seen[kind], kind).toBeGreaterThan(0);

    async function runLane(lane: { seq: (typeof samples)[number]; n: number }[]) {
      const [owner, viewerUser, ...users] = await signInMany(t, 8, 'Model');
      const auction = await owner!.rest.createAuction({ body: { title: 'Model-based' } });
      const ownerClient = await owner!.connect();
      await ownerClient.startAuction({ auctionId: auction.id });
      const auctionId = auction.id;
      const clients = await joinAll(users, auctionId);
      const [viewer] = await joinAll([viewerUser!], auctionId);
      const placed = record(viewer!, 'bidPlaced');
      const outbid = clients.map((c) => record(c, 'outbid'));
      const closed = record(viewer!, 'lotClosed');
      // With Redis (multi-node mode) a broadcast may arrive after a later ack: wait for what the model expects, then
      // flush; anything more would show up in the next step's comparison.
      const settle = async (bids: number, told: number) => {
        const arrived = () => placed.length >= bids && outbid.reduce((sum, list) => sum + list.length, 0) >= told;
        await waitUntil(arrived, `${bids} bidPlaced and ${told} outbid`).catch(() => undefined);
        await Promise.all([viewer!, ...clients].map((c: BidwireClient) => flush(c)));
      };

      for (const { seq, n } of lane) {
        if (seq.withMaxima) seen.withMaxima++;
        const { lot } = await ownerClient.openLot({ auctionId, product: `Lot ${n}`, startingPrice: STARTING_PRICE, minIncrement: seq.minIncrement });
        const model = new ProxyModel(STARTING_PRICE, seq.minIncrement);
        placed.length = 0;
        for (const list of outbid) list.length = 0;

        for (const [step, attempt] of seq.attempts.entries()) {
          const where = `sequence ${n}, bid ${step}: ${JSON.stringify(attempt)}`;
          const { bidder, amount, maxAmount } = concrete(attempt, model);
          const i = bidder % seq.bidders;
          const want = model.place(users[i]!.id, amount, maxAmount);
          const got = await clients[i]!.placeBid({ auctionId, amount, ...(maxAmount === undefined ? {} : { maxAmount }) }).then(
            (ack) => ({ ok: true as const, ack }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          await settle(want.ok ? want.bids.length : 0, want.ok ? want.outbid.length : 0);
          const events = placed.splice(0);
          const told = outbid.flatMap((list, k) => list.splice(0).map((e) => [users[k]!.id, e.highestBid]));

          if (!want.ok) {
            seen.refused++;
            expect(got.ok, where).toBe(false);
            if (!got.ok) {
              expect(got.error, where).toBeInstanceOf(BidwireError);
              expect(got.error, where).toMatchObject({ code: want.code, ...(want.minimumBid ? { details: { minimumBid: want.minimumBid } } : {}) });
            }
            expect(events, where).toEqual([]);
            expect(told, where).toEqual([]);
            continue;
          }
          if (!got.ok) throw Object.assign(new Error(`${where}: refused, the model accepts it`), { cause: got.error });
          seen.bids += want.bids.length;
          seen.auto += want.bids.filter((b) => b.auto).length;
          if (want.bids.length === 0) seen.raises++;
          expect(got.ack.myMaxBid, where).toBe(want.myMaxBid);
          const leading = model.bids.at(-1)!;
          expect({ highestBid: got.ack.lot.highestBid, bidCount: got.ack.lot.bidCount }, where).toEqual({ highestBid: model.highestBid, bidCount: model.bidCount });
          expect(got.ack.bid, where).toMatchObject(
            want.bids.length > 0
              ? { user: { id: users[i]!.id }, amount, auto: false }
              : { user: { id: leading.userId }, amount: leading.amount, auto: leading.auto }, // a raise answers the leading bid
          );
          expect(
            events.map((e) => ({ userId: e.bid.user.id, amount: e.bid.amount, auto: e.bid.auto, highestBid: e.highestBid, bidCount: e.bidCount })),
            where,
          ).toEqual(want.bids);
          expect(told.sort(), where).toEqual(want.outbid.map((id) => [id, model.highestBid]).sort());
        }

        const award = await ownerClient.awardLot({ auctionId });
        expect(award.lot.id).toBe(lot.id);
        await waitUntil(() => closed.some((e) => e.lot.id === lot.id), `lotClosed of sequence ${n}`);
        expect(placed, `sequence ${n}: bids after the last step`).toEqual([]);
        expect({ winner: award.winner?.id ?? null, price: award.winning?.price ?? null, bidCount: award.lot.bidCount }, `sequence ${n}`).toEqual({
          winner: model.leader,
          price: model.highestBid,
          bidCount: model.bidCount,
        });
      }
    }
  });
});
