// Fills an auction room's durable log with thousands of realistic `bidPlaced` events in a few
// statements (placing them through the API would take minutes under the bid rate limit).
import type { BidwireApp } from '../../src/app.js';
import { auctionRoom } from '../../src/core/rooms.js';

/** Appends `count` events after the room's current seq; answers the seqs they took. */
export async function fillAuctionLog(server: BidwireApp, auctionId: string, lotId: string, count: number): Promise<{ first: number; last: number }> {
  const db = server.db;
  const room = auctionRoom(auctionId);
  const current = (await db.roomSeq.findUnique({ where: { room } }))?.seq ?? 0;
  const at = new Date();
  const rows = Array.from({ length: count }, (_, i) => {
    const seq = current + 1 + i;
    const payload = {
      auctionId,
      lotId,
      bid: {
        id: `seeded-bid-${seq}`,
        auctionId,
        lotId,
        user: { id: 'seeded-user', name: 'A bidder with a fairly ordinary name', avatarUrl: 'https://images.example.com/avatars/seeded-user.png' },
        amount: 100 + seq,
        auto: false,
        createdAt: at.toISOString(),
      },
      highestBid: 100 + seq,
      bidCount: seq,
      seq,
      at: at.toISOString(),
    };
    return { room, seq, event: 'bidPlaced', payload: JSON.stringify(payload), at };
  });
  for (let i = 0; i < rows.length; i += 500) await db.roomEvent.createMany({ data: rows.slice(i, i + 500) });
  await db.roomSeq.upsert({ where: { room }, create: { room, seq: current + count }, update: { seq: current + count } });
  return { first: current + 1, last: current + count };
}
