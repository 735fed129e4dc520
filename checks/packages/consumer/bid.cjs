// The bid from CommonJS: `require` resolves @bidwire/sdk to its CJS build. Also checks what only a
// CJS app meets: `require('…/package.json')`, the test kit through require, and a BidwireError made
// by the ESM copy of the SDK (loaded beside this one) passing this copy's checks.
'use strict';
const sdk = require('@bidwire/sdk');
const { createTestClient, lotFixture, bidFixture } = require('@bidwire/sdk/testing');
const { version } = require('@bidwire/sdk/package.json');
const { bidFlow, check } = require('./flow.cjs');

const log = (line) => console.log(`[cjs] ${line}`);

async function main() {
  const url = process.argv[2];
  log(`require('@bidwire/sdk/package.json').version = ${version}`);
  await bidFlow(sdk, url, log);

  const esm = await import('@bidwire/sdk');
  check(esm.BidwireError !== sdk.BidwireError, 'the ESM and CJS builds are two copies of the class');
  const fromEsm = new esm.BidwireError({ code: 'NOT_FOUND', command: 'joinAuction', message: 'Auction not found.' });
  check(sdk.isBidwireError(fromEsm) && fromEsm instanceof sdk.BidwireError, 'the CJS copy recognises an ESM-made BidwireError');
  check(esm.isBidwireError(new sdk.BidwireError({ code: 'TIMEOUT', command: 'x', message: 'm' })), '... and the other way round');
  log('isBidwireError and instanceof hold across the ESM and CJS copies');

  const { client, server } = createTestClient();
  server.handle('placeBid', ({ auctionId, amount }) => ({ bid: bidFixture({ auctionId, amount }), lot: lotFixture({ auctionId, highestBid: amount, bidCount: 1 }), myMaxBid: amount }));
  const ack = await client.placeBid({ auctionId: 'auction-1', amount: 700 });
  check(ack.lot.highestBid === 700, 'the test kit answers through require too');
  client.close();
  server.close();
  log('the test kit works from require');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
