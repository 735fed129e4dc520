// A small UI component (plain DOM, no framework) used by the test kit's example test and the README:
// shows the open lot's highest bid, places a bid, and says why a bid was refused.
import { settle, type BidwireClient } from '@bidwire/sdk';

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** Renders into `root`; returns the function that unmounts it. */
export function mountBidPanel(root: HTMLElement, client: BidwireClient, auctionId: string): () => void {
  root.innerHTML = `
    <p>Highest bid: <output name="highest">none yet</output></p>
    <label>Your bid (cents) <input name="amount" type="number" /></label>
    <button type="button">Bid</button>
    <p role="alert"></p>`;
  const highest = root.querySelector('output')!;
  const amount = root.querySelector('input')!;
  const button = root.querySelector('button')!;
  const alert = root.querySelector('[role="alert"]')!;

  const off = client.on('bidPlaced', (event) => {
    if (event.auctionId === auctionId) highest.textContent = money(event.highestBid);
  });

  button.addEventListener('click', async () => {
    button.disabled = true;
    const result = await settle(client.placeBid({ auctionId, amount: Number(amount.value) }));
    button.disabled = false;
    if (result.ok) {
      alert.textContent = '';
      highest.textContent = money(result.data.lot.highestBid ?? result.data.bid.amount);
      return;
    }
    // `code` is typed with placeBid's own error codes: this switch is checked for exhaustiveness.
    switch (result.error.code) {
      case 'BID_TOO_LOW':
      case 'INVALID_STATE':
      case 'FORBIDDEN':
      case 'VALIDATION_FAILED':
        alert.textContent = result.error.message;
        return;
      case 'TIMEOUT':
      case 'DISCONNECTED':
      case 'UNAVAILABLE':
        alert.textContent = 'You are offline. Your bid was not placed; try again.';
        return;
      case 'NOT_FOUND':
      case 'CONFLICT':
      case 'RATE_LIMITED':
      case 'INTERNAL':
        alert.textContent = 'Something went wrong. Try again.';
        return;
      default:
        return result.error.code satisfies never;
    }
  });
  return off;
}
