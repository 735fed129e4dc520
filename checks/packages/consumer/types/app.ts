// What an app's code asks of the packages' types. The check compiles this file as an ES module and
// as CommonJS (node16, nodenext) and under moduleResolution bundler, with skipLibCheck off.
import { PlaceBidInput, type CommandResult } from '@bidwire/contract';
import {
  BidwireError,
  ERROR_CODES,
  createClient,
  createRestClient,
  isBidwireError,
  settle,
  type BidwireClient,
  type CommandFailureCode,
  type ErrorCode,
  type Lot,
  PlaceBidInput as NotAValueHere,
} from '@bidwire/sdk';
import { bidFixture, createTestClient, lotFixture } from '@bidwire/sdk/testing';

export function connect(url: string, token: string): BidwireClient {
  return createClient({ url, token });
}

export const rest = createRestClient({ baseUrl: 'http://localhost:3000', getToken: async () => 'token' });

/** An exhaustive switch over placeBid's own codes. */
export async function bid(client: BidwireClient, auctionId: string, amount: number): Promise<string> {
  const r = await settle(client.placeBid({ auctionId, amount }));
  if (r.ok) return `highest ${r.data.lot.highestBid}`;
  switch (r.error.code) {
    case 'BID_TOO_LOW':
    case 'INVALID_STATE':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'VALIDATION_FAILED':
    case 'RATE_LIMITED':
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'TIMEOUT':
    case 'DISCONNECTED':
      return r.error.message;
    default:
      return r.error.code satisfies never;
  }
}

export function rejectionIsTyped(client: BidwireClient): Promise<unknown> {
  return client.joinAuction({ auctionId: 'a' }).catch((e) => {
    const code: CommandFailureCode<'joinAuction'> = e.code;
    const error: BidwireError = e;
    return [code, error];
  });
}

export function narrow(e: unknown): ErrorCode | 'TIMEOUT' | 'DISCONNECTED' | null {
  if (isBidwireError(e, 'sendMessage')) return e.code;
  return isBidwireError(e) ? e.code : null;
}

export const codes: readonly ErrorCode[] = ERROR_CODES;
export const lot: Lot = lotFixture();
export const parsed: CommandResult<'timeSync'> = { serverTime: 1 };
export const input = PlaceBidInput.parse({ auctionId: 'a', amount: 1 });

export function schemasAreNotInTheSdk(): unknown {
  // @ts-expect-error the SDK re-exports the contract's types only; its schemas come from @bidwire/contract
  return NotAValueHere.parse({});
}

export function testKit(): BidwireClient {
  const { client, server } = createTestClient();
  server.handle('placeBid', ({ auctionId, amount }, { fail }) =>
    amount < 100 ? fail('BID_TOO_LOW', 'Too low.') : { bid: bidFixture({ auctionId, amount }), lot: lotFixture({ auctionId, highestBid: amount }), myMaxBid: amount },
  );
  // @ts-expect-error joinAuction does not declare BID_TOO_LOW
  server.handle('joinAuction', (_input, { fail }) => fail('BID_TOO_LOW', 'no'));
  return client;
}
