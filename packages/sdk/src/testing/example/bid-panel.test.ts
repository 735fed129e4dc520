// @vitest-environment jsdom
// The README's example: a UI component tested against the test kit's fake server, in jsdom.
import { afterEach, expect, test } from 'vitest';
import { bidFixture, createTestClient, lotFixture, type TestClient } from '../index.js';
import { mountBidPanel } from './bid-panel.js';

let current: (TestClient & { unmount: () => void }) | undefined;

function renderPanel() {
  const { client, server } = createTestClient();
  document.body.innerHTML = '<div id="root"></div>';
  const unmount = mountBidPanel(document.getElementById('root')!, client, 'auction-1');
  current = { client, server, unmount };
  return { client, server };
}

const text = (selector: string) => document.querySelector(selector)?.textContent;
async function bid(amount: number) {
  document.querySelector('input')!.value = String(amount);
  document.querySelector('button')!.click();
}
const until = (check: () => void) => expect.poll(() => (check(), true)).toBe(true);

afterEach(() => {
  current?.unmount();
  current?.client.close();
  current?.server.close(); // throws if the test made the fake break the contract
  current = undefined;
});

test('runs in jsdom', () => {
  expect(navigator.userAgent).toContain('jsdom');
});

test('shows the new highest bid once the server accepts the bid', async () => {
  const { server } = renderPanel();
  server.handle('placeBid', ({ auctionId, amount }) => ({
    bid: bidFixture({ auctionId, amount }),
    lot: lotFixture({ auctionId, highestBid: amount, bidCount: 1 }),
    myMaxBid: amount,
  }));
  await bid(1250);
  await until(() => expect(text('output')).toBe('$12.50'));
  expect(await server.nextCommand('placeBid')).toMatchObject({ auctionId: 'auction-1', amount: 1250 });
});

test('says why a bid was refused', async () => {
  const { server } = renderPanel();
  server.handle('placeBid', (_input, { fail }) => fail('BID_TOO_LOW', 'Bid at least $13.00.', { min: 1300 }));
  await bid(1250);
  await until(() => expect(text('[role="alert"]')).toBe('Bid at least $13.00.'));
  expect(text('output')).toBe('none yet');
});

test('follows other people’s bids pushed by the server', async () => {
  const { client, server } = renderPanel();
  await expect.poll(() => client.state).toBe('connected');
  server.emit('bidPlaced', { auctionId: 'auction-1', lotId: 'lot-1', bid: bidFixture({ amount: 2000 }), highestBid: 2000, bidCount: 3 });
  await until(() => expect(text('output')).toBe('$20.00'));
});

test('tells the user when the connection is gone', async () => {
  const { client, server } = renderPanel();
  await expect.poll(() => client.state).toBe('connected');
  server.disconnectAll();
  await expect.poll(() => client.state).toBe('disconnected');
  await bid(1250);
  await until(() => expect(text('[role="alert"]')).toBe('You are offline. Your bid was not placed; try again.'));
  expect(server.commandsOf('placeBid')).toEqual([]);
});
