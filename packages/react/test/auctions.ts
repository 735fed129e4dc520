// Auction set-up for hook tests: an owner's auction, started, with an optional open lot.
import type { BidwireClient, Lot } from '@bidwire/sdk';
import type { TestUser } from './backend.js';

export async function liveAuction(owner: TestUser, ownerClient: BidwireClient, lot?: { startingPrice: number; minIncrement?: number; durationMs?: number; softCloseMs?: number }) {
  const auction = await owner.rest.createAuction({ body: { title: `Auction of ${owner.name}` } });
  await ownerClient.startAuction({ auctionId: auction.id });
  let opened: Lot | null = null;
  if (lot) opened = (await ownerClient.openLot({ auctionId: auction.id, product: 'Saffron, 1 kg', ...lot })).lot;
  return { auctionId: auction.id, lot: opened };
}
