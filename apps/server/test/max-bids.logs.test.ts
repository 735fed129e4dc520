// SPEC §3: a maximum is private, in the server's logs too. A server process at LOG_LEVEL=info takes bids with
// maxima, a raise by the leader, automatic bids, snapshots and a resync; no log line carries a maximum, as a
// number anywhere in it or as a figure in its text, nor a `maxAmount` or `myMaxBid` field.
import { describe, expect, it } from 'vitest';
import { resilientClient, waitFor } from './support/resilient-client.js';
import { serverPerTest } from './support/server-per-test.js';
import { signInOverRest } from './support/server-process.js';

const JWT_SECRET = 'max-bids-logs-secret-0123456789abcdefghij';
// Maxima no bid, price, count or seq of this run can equal.
const MAXIMA = { first: 7_777, second: 5_555, raised: 9_191 } as const;
// (Prices here: 100, 210, then Bob's maximum + 10 = 5,565.)
const startServerProcess = serverPerTest();

/** Every number anywhere in a parsed log line. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('maximum bids in the logs', () => {
  it('no info-level log line carries a maximum', async () => {
    const { server } = await startServerProcess({ JWT_SECRET, LOG_LEVEL: 'info' });
    const url = server.url;
    const [owner, alice, bob] = await Promise.all(['Owner', 'Alice', 'Bob'].map((n) => signInOverRest(url, n, '+1554')));
    const auction = await owner!.rest.createAuction({ body: { title: 'Quiet maxima' } });
    const ownerClient = await resilientClient(url, { token: owner!.accessToken });
    await ownerClient.startAuction({ auctionId: auction.id });
    await ownerClient.openLot({ auctionId: auction.id, product: 'Indigo', startingPrice: 100, minIncrement: 10 });
    const a = await resilientClient(url, { token: alice!.accessToken });
    const b = await resilientClient(url, { token: bob!.accessToken });
    const joined = await a.joinAuction({ auctionId: auction.id });
    await b.joinAuction({ auctionId: auction.id });

    await a.placeBid({ auctionId: auction.id, amount: 100, maxAmount: MAXIMA.first });
    // Bob's bid is answered by Alice's automatic bid (200 + 10).
    expect((await b.placeBid({ auctionId: auction.id, amount: 200 })).lot.highestBid).toBe(210);
    // The leader raises her maximum: no bid, her new maximum in her ack only.
    expect((await a.placeBid({ auctionId: auction.id, amount: 210, maxAmount: MAXIMA.raised })).myMaxBid).toBe(MAXIMA.raised);
    // Bob states a maximum below hers: her automatic bid answers it at his maximum + 10.
    const answer = await b.placeBid({ auctionId: auction.id, amount: 300, maxAmount: MAXIMA.second });
    expect(answer.myMaxBid).toBe(MAXIMA.second);
    expect((await a.joinAuction({ auctionId: auction.id })).myMaxBid).toBe(MAXIMA.raised);
    expect((await b.joinAuction({ auctionId: auction.id })).myMaxBid).toBe(MAXIMA.second);
    await b.resync({ room: { type: 'auction', id: auction.id }, afterSeq: joined.seq });
    await owner!.rest.listBids({ params: { id: auction.id, lotId: answer.lot.id }, query: { limit: 50 } });
    await ownerClient.awardLot({ auctionId: auction.id });
    await waitFor(() => server.output().includes('"url":"/auctions/'), 'the REST request logged');

    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5); // info lines were written (requests, the start line)
    const values: number[] = Object.values(MAXIMA);
    const leaks = lines.filter((line) => {
      const numbers = numbersIn(JSON.parse(line) as unknown);
      // A figure in a text (a message, a URL), bounded by what cannot be part of an id or another number.
      const inText = values.some((v) => new RegExp(`(^|[^0-9A-Za-z])${v}([^0-9A-Za-z]|$)`).test(line.replace(/"time":\d+/, '')));
      return numbers.some((n) => values.includes(n)) || inText || /maxAmount|myMaxBid/.test(line);
    });
    expect(leaks).toEqual([]);
  });
});
