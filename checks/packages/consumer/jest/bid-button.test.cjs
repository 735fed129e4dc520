// A tiny DOM component tested with @bidwire/sdk/testing under Jest + jsdom.
'use strict';
const { settle } = require('@bidwire/sdk');
const { bidFixture, createTestClient, lotFixture } = require('@bidwire/sdk/testing');

function mountBidButton(root, client, auctionId) {
  root.innerHTML = '<button>Bid 150</button><output></output>';
  root.querySelector('button').addEventListener('click', async () => {
    const r = await settle(client.placeBid({ auctionId, amount: 150 }));
    root.querySelector('output').textContent = r.ok ? `Highest: ${r.data.lot.highestBid}` : r.error.message;
  });
}

let pair;
afterEach(() => {
  if (!pair) return;
  pair.client.close();
  pair.server.close(); // throws if the test made the fake break the contract
  pair = undefined;
});

async function textOf(selector) {
  for (let i = 0; i < 100; i++) {
    const text = document.querySelector(selector).textContent;
    if (text) return text;
    await new Promise((r) => setTimeout(r, 10));
  }
  return '';
}

test('runs in jsdom', () => {
  expect(navigator.userAgent).toContain('jsdom');
});

test('shows the accepted bid', async () => {
  pair = createTestClient();
  pair.server.handle('placeBid', ({ auctionId, amount }) => ({ bid: bidFixture({ auctionId, amount }), lot: lotFixture({ auctionId, highestBid: amount, bidCount: 1 }), myMaxBid: amount }));
  mountBidButton(document.body, pair.client, 'auction-1');
  document.querySelector('button').click();
  expect(await textOf('output')).toBe('Highest: 150');
  expect(pair.server.commandsOf('placeBid')).toEqual([expect.objectContaining({ auctionId: 'auction-1', amount: 150 })]);
});

test('shows why a bid was refused', async () => {
  pair = createTestClient();
  pair.server.handle('placeBid', (_input, { fail }) => fail('BID_TOO_LOW', 'Bid at least 200.'));
  mountBidButton(document.body, pair.client, 'auction-1');
  document.querySelector('button').click();
  expect(await textOf('output')).toBe('Bid at least 200.');
});
