// SPEC §3: a maximum is private. A run with maxima where everything every socket and REST client receives —
// broadcasts, user-room events, acks, snapshots, resync replays, REST lists — is scanned for another user's
// maximum, by field (`maxAmount`, `myMaxBid`) and by value.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flush, signInWithSecrets, waitUntil, type UserWithSecrets } from './fixtures.js';
import { privacyProblems, type Seen } from './privacy-checks.js';

// Maxima no bid, price or count of this run can equal (prices are bids, or a maximum + 10).
const MAXIMA = { Alice: 7_777, Bob: 5_555, Carol: 3_333 } as const;
type Name = keyof typeof MAXIMA;

/** Every number anywhere in a payload (a maximum would leak as a number, whatever its field). */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('maximum bids are private', () => {
  it('no payload any user receives carries another user’s maximum', async () => {
    await using t = await startServer();
    const seen = new Map<string, Seen[]>(); // by the receiving user's name
    const saw = (name: string, where: string, payload: unknown) => seen.get(name)!.push({ where: `${name} <- ${where}`, payload });
    const signIn = async (name: string) => {
      seen.set(name, []);
      return signInWithSecrets(t, name, (url, body) => saw(name, `GET/POST ${url}`, JSON.parse(body || 'null')));
    };
    const owner = await signIn('Owner');
    const bidders = { Alice: await signIn('Alice'), Bob: await signIn('Bob'), Carol: await signIn('Carol') };
    const viewerUser = await signIn('Viewer');
    const everyone: UserWithSecrets[] = [owner, ...Object.values(bidders), viewerUser];

    const connect = async (u: UserWithSecrets) => {
      const client = await u.connect();
      client.socket.onAny((event: string, ...args: unknown[]) => saw(u.name, event, args));
      return client;
    };
    const auction = await owner.rest.createAuction({ body: { title: 'Private maxima' } });
    const ownerClient = await connect(owner);
    await ownerClient.startAuction({ auctionId: auction.id });
    const { lot } = await ownerClient.openLot({ auctionId: auction.id, product: 'Amber', startingPrice: 100, minIncrement: 10 });
    const clients = new Map<string, Awaited<ReturnType<typeof connect>>>();
    for (const u of [...Object.values(bidders), viewerUser]) {
      const client = await connect(u);
      saw(u.name, 'joinAuction ack', await client.joinAuction({ auctionId: auction.id }));
      clients.set(u.name, client);
    }
    const bid = async (name: Name, amount: number, withMax = true) => {
      const ack = await clients.get(name)!.placeBid({ auctionId: auction.id, amount, ...(withMax ? { maxAmount: MAXIMA[name] } : {}) });
      saw(name, 'own placeBid ack', ack);
      expect(ack.myMaxBid).toBeGreaterThanOrEqual(withMax ? MAXIMA[name] : amount);
    };

    await bid('Carol', 100);
    await bid('Bob', 200); // beats Carol's maximum: Bob leads at 3,343
    await bid('Alice', 3_400); // beats Bob's: Alice leads at 5,565
    await bid('Carol', 5_600, false); // answered by Alice's automatic 5,610
    await bid('Alice', 5_610); // the leader at the highest bid: a raise (to the same maximum), no bid

    // Replays and snapshots too.
    for (const [name, client] of clients) {
      saw(name, 'resync auction', await client.resync({ room: { type: 'auction', id: auction.id }, afterSeq: 0 }));
      saw(name, 'resync user', await client.resync({ room: { type: 'user', id: 'me' }, afterSeq: 0 }));
      saw(name, 'joinAuction again', await client.joinAuction({ auctionId: auction.id }));
    }
    // Joined at once, the snapshots are read together (a crowd shares one read): still each bidder's own maximum
    // only (Alice's as the leader's, Bob's and Carol's from their bids), and none for the viewer.
    const standing: Record<string, number | null> = { Alice: 7_777, Bob: 5_555, Carol: 5_600, Viewer: null };
    const together = await Promise.all([...clients].map(async ([name, client]) => [name, await client.joinAuction({ auctionId: auction.id })] as const));
    for (const [name, snapshot] of together) {
      saw(name, 'joinAuction together', snapshot);
      expect(snapshot.myMaxBid, name).toBe(standing[name]);
    }
    for (const u of everyone) {
      await u.rest.listBids({ params: { id: auction.id, lotId: lot.id } });
      await u.rest.listLots({ params: { id: auction.id } });
      await u.rest.getAuction({ params: { id: auction.id } });
    }
    saw('Owner', 'awardLot ack', await ownerClient.awardLot({ auctionId: auction.id }));
    for (const u of everyone) await u.rest.myWinnings({});
    await waitUntil(() => seen.get('Viewer')!.some((s) => s.where.endsWith('lotClosed')), 'lotClosed');
    await Promise.all([ownerClient, ...clients.values()].map((c) => flush(c)));

    const leaks: string[] = [];
    for (const [name, payloads] of seen) {
      const others = Object.entries(MAXIMA).filter(([owner]) => owner !== name);
      for (const s of payloads) {
        const json = JSON.stringify(s.payload);
        for (const n of numbersIn(s.payload)) {
          for (const [owner, max] of others) if (n === max) leaks.push(`${owner}'s maximum ${max} in ${s.where}`);
        }
        if (/"maxAmount"/.test(json)) leaks.push(`a maxAmount field in ${s.where}`);
        if (/"myMaxBid"/.test(json) && !/own placeBid ack|joinAuction|resync auction/.test(s.where)) leaks.push(`myMaxBid in ${s.where}`);
      }
    }
    expect(leaks).toEqual([]);
    // Each bidder did see their own standing maximum (the scan looks where it should); Carol's last bid, 5,600
    // without a maximum, is above the maximum she stated first.
    for (const name of Object.keys(MAXIMA) as Name[]) {
      const snapshot = seen.get(name)!.find((s) => s.where.endsWith('joinAuction again'))!.payload as { myMaxBid: number | null };
      expect(snapshot.myMaxBid, name).toBe(standing[name]);
    }
    expect(seen.get('Bob')!.some((s) => s.where.endsWith('outbid'))).toBe(true);
    expect(privacyProblems([...seen.values()].flat(), everyone).leaks).toEqual([]);
  });
});
