// SPEC §3 bid rule refusals: both say what would pass (`details.minimumBid`), the first bid against the
// starting price and a later one against the highest bid + minIncrement (issue 17's example: 1,150 over 1,100).
import { BidwireError } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { createLiveAuctionWithLot, joinAll, signInMany } from './fixtures.js';

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('the bid was accepted'); }, (error: unknown) => error);

describe('bid refusals carry details.minimumBid', () => {
  it('below the starting price, then below the highest bid + minIncrement', async () => {
    await using t = await startServer();
    const [owner, alice, bob] = await signInMany(t, 3);
    const { auctionId } = await createLiveAuctionWithLot(owner!, { startingPrice: 1_000, minIncrement: 100 });
    const [a, b] = await joinAll([alice!, bob!], auctionId);

    const first = await refusal(a!.placeBid({ auctionId, amount: 999 }));
    expect(first).toBeInstanceOf(BidwireError);
    expect(first).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be at least the starting price (1000)', details: { minimumBid: 1_000 } });

    await a!.placeBid({ auctionId, amount: 1_100 });
    const later = await refusal(b!.placeBid({ auctionId, amount: 1_150 }));
    expect(later).toMatchObject({ code: 'BID_TOO_LOW', message: 'Bid must be higher than the current bid (1100)', details: { minimumBid: 1_200 } });
    expect((await b!.placeBid({ auctionId, amount: 1_200 })).lot.highestBid).toBe(1_200);
  });
});
