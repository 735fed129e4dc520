// A live auction with one open lot, made through the public API (REST create, then the owner's
// startAuction and openLot commands), so the benchmark follows the same path as a real client.
import { BenchSocket } from './bench-socket.js';
import type { BenchUser } from './users.js';

export interface LiveLot {
  auctionId: string;
  lotId: string;
  startingPrice: number;
}

export const BASELINE_LOT: LiveLot = { auctionId: 'baseline', lotId: 'baseline-lot', startingPrice: 1000 };

export async function openLiveLot(url: string, owner: BenchUser): Promise<LiveLot> {
  const res = await fetch(`${url}/auctions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ title: 'Benchmark auction' }),
  });
  if (!res.ok) throw new Error(`POST /auctions answered ${res.status}: ${await res.text()}`);
  const auction = (await res.json()) as { id: string };
  const socket = await BenchSocket.connect(url, owner.token);
  try {
    const started = await socket.request('startAuction', { auctionId: auction.id });
    if (!started.ok) throw new Error(`startAuction: ${started.error?.message}`);
    const startingPrice = 1000;
    const opened = await socket.request('openLot', { auctionId: auction.id, product: 'Saffron, 1 kg', startingPrice, minIncrement: 1 });
    if (!opened.ok) throw new Error(`openLot: ${opened.error?.message}`);
    const lot = (opened.data as { lot: { id: string } }).lot;
    return { auctionId: auction.id, lotId: lot.id, startingPrice };
  } finally {
    socket.close();
  }
}
