// SPEC §2/§7: a connected client whose access token expires gets `sessionExpired` and is cut by the
// server; with getToken the SDK fetches a fresh token, reconnects, rejoins its rooms and misses nothing.
import { createRestClient } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { recordSeqs, refreshingTokens, resilientClient, waitFor } from './support/resilient-client.js';

describe('session expiry while connected', () => {
  it('renews the token, reconnects into its rooms and delivers every event once', async () => {
    await using t = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '2', CONNECTION_RECOVERY_MS: '0' });
    const [owner, bidder, watcher] = await Promise.all(['Owner', 'Bidder', 'Watcher'].map((n) => t.signIn(n)));
    const clientOf = async (u: typeof owner) => {
      const tokens = refreshingTokens(t.url, { token: u!.token, refreshToken: u!.refreshToken });
      return { tokens, client: await resilientClient(t.url, { getToken: tokens.getToken }) };
    };
    const auction = await owner!.rest.createAuction({ body: { title: 'Short sessions' } });
    const { client: ownerClient } = await clientOf(owner);
    await ownerClient.startAuction({ auctionId: auction.id });
    await ownerClient.openLot({ auctionId: auction.id, product: 'Tea', startingPrice: 100 });
    const { client: bidderClient } = await clientOf(bidder);
    await bidderClient.joinAuction({ auctionId: auction.id });
    const { client, tokens } = await clientOf(watcher);
    const expired: unknown[] = [];
    client.on('sessionExpired', (p) => void expired.push(p));
    const seen = recordSeqs(client, 'bidPlaced');
    const { seq: start } = await client.joinAuction({ auctionId: auction.id });

    // Bid for ~5 s: every client's session expires at least twice on the way.
    const acked: number[] = [];
    const until = Date.now() + 5_000;
    for (let amount = 100; Date.now() < until; amount += 5) {
      acked.push((await bidderClient.placeBid({ auctionId: auction.id, amount })).bid.amount);
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(() => seen.length === acked.length, `all ${acked.length} bids`, 10_000);
    await new Promise((r) => setTimeout(r, 200));

    expect(expired.length).toBeGreaterThanOrEqual(2);
    expect(tokens.calls).toBeGreaterThanOrEqual(3);
    expect(seen.map((s) => s.seq)).toEqual(acked.map((_, i) => start + 1 + i));
    expect(seen.map((s) => (s.payload as { highestBid: number }).highestBid)).toEqual(acked);
    // Still in the room on a fresh session: it may bid.
    await expect(client.placeBid({ auctionId: auction.id, amount: 10_000 })).resolves.toMatchObject({ bid: { amount: 10_000 } });
  });
});

describe('commands at the moment the session expires', () => {
  it('answers every command sent across expiries: none fails, none is lost, none runs twice', async () => {
    // openLot and awardLot carry no requestId: the SDK may not resend them blindly after a lost connection,
    // so each must be answered on the connection it was sent on, or refused unrun and sent again.
    // (Tokens of 2 s live 1-2 s: `exp` counts whole seconds. Every token is minted right before its use.)
    await using t = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '2', CONNECTION_RECOVERY_MS: '0', RATE_LIMITS: '*=100000' });
    const owners = await Promise.all(['Owner 1', 'Owner 2', 'Owner 3', 'Owner 4'].map((name) => t.signIn(name)));
    // Four owners, each with their own auction: four sessions that end at their own moments.
    const outcomes = await Promise.all(
      owners.map(async (owner) => {
        const tokens = refreshingTokens(t.url, { token: owner!.token, refreshToken: owner!.refreshToken });
        const rest = createRestClient({ baseUrl: t.url, getToken: tokens.getToken });
        const auction = await rest.createAuction({ body: { title: 'Back to back' } });
        const client = await resilientClient(t.url, { getToken: tokens.getToken });
        let expiries = 0;
        client.on('sessionExpired', () => void expiries++);
        await client.startAuction({ auctionId: auction.id });

        // Back to back for ~8 s, so a command is on the wire whenever a session ends (four times or so).
        const failures: unknown[] = [];
        let opened = 0;
        const until = Date.now() + 8_000;
        while (Date.now() < until) {
          try {
            await client.openLot({ auctionId: auction.id, product: `Lot ${opened + 1}`, startingPrice: 100 });
            opened++;
            await client.awardLot({ auctionId: auction.id });
          } catch (error) {
            failures.push(error);
            break;
          }
        }
        const products: string[] = [];
        for (let cursor: string | undefined; ; ) {
          const page = await rest.listLots({ params: { id: auction.id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } });
          products.push(...page.items.map((l) => l.product));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        return { failures, expiries, opened, products };
      }),
    );

    for (const { failures, expiries, opened, products } of outcomes) {
      expect(failures).toEqual([]);
      expect(expiries).toBeGreaterThanOrEqual(3);
      expect(products).toEqual(Array.from({ length: opened }, (_, i) => `Lot ${i + 1}`));
    }
  });
});
