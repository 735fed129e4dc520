// The bid an app makes, against a real server, with whichever copy of the SDK it is given (the ESM
// build, the CJS build, or the browser bundle): two users sign in over REST, the owner creates,
// starts and opens a lot, the other joins and bids. Plain JavaScript with no Node API, so the
// browser check runs this very file.
'use strict';

function check(condition, message) {
  if (!condition) throw new Error(`consumer check: ${message}`);
}

/**
 * @param {typeof import('@bidwire/sdk')} sdk
 * @param {string} url the server's origin
 * @param {(line: string) => void} log
 */
async function bidFlow(sdk, url, log) {
  const { createClient, createRestClient, isBidwireError } = sdk;
  const signIn = async (name) => {
    const rest = createRestClient({ baseUrl: url });
    const phone = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const { devCode } = await rest.requestOtp({ body: { phone } });
    check(typeof devCode === 'string', 'requestOtp answers a devCode (OTP_DEV_ECHO=1)');
    const pair = await rest.verifyOtp({ body: { phone, code: devCode, name } });
    return { token: pair.accessToken, user: pair.user };
  };

  const owner = await signIn('Olga Owner');
  const bidder = await signIn('Bo Bidder');
  log(`signed in ${owner.user.name} and ${bidder.user.name} over REST`);

  const auction = await createRestClient({ baseUrl: url, token: owner.token }).createAuction({ body: { title: 'Consumer check' } });
  check(auction.status === 'scheduled', `a new auction is scheduled (got ${auction.status})`);
  const ownerClient = createClient({ url, token: owner.token });
  const bidderClient = createClient({ url, getToken: async () => bidder.token });
  try {
    await ownerClient.startAuction({ auctionId: auction.id });
    const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Saffron, 1 kg', startingPrice: 100 });
    log(`auction ${auction.id} started, lot ${lot.id} open at 100`);

    const snapshot = await bidderClient.joinAuction({ auctionId: auction.id });
    check(snapshot.lot && snapshot.lot.id === lot.id, 'the join snapshot shows the open lot');

    const refused = await bidderClient.placeBid({ auctionId: auction.id, amount: 50 }).then(
      () => null,
      (error) => error,
    );
    check(isBidwireError(refused, 'placeBid'), `a bid under the starting price rejects with a BidwireError (got ${refused})`);
    check(refused.code === 'BID_TOO_LOW', `... with code BID_TOO_LOW (got ${refused.code})`);
    log(`a bid of 50 was refused: ${refused.code} "${refused.message}"`);

    const pushed = bidderClient.waitFor('bidPlaced', (e) => e.auctionId === auction.id);
    const ack = await bidderClient.placeBid({ auctionId: auction.id, amount: 150 });
    check(ack.bid.amount === 150 && ack.bid.user.id === bidder.user.id, 'the ack carries the bid');
    check(ack.lot.id === lot.id && ack.lot.highestBid === 150 && ack.lot.bidCount === 1, 'the ack carries the lot with the new highest bid');
    const event = await pushed;
    check(event.highestBid === 150 && event.bid.id === ack.bid.id, 'bidPlaced reaches the bidder with the same bid');
    log(`bid 150 acknowledged (bid ${ack.bid.id}); bidPlaced received with seq ${event.seq}`);
    return { auctionId: auction.id, bidId: ack.bid.id, amount: ack.bid.amount };
  } finally {
    ownerClient.close();
    bidderClient.close();
  }
}

module.exports = { bidFlow, check };
