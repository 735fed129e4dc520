// Type behaviour of the SDK: methods, listeners and REST calls take and give the contract's types.
import type { CommandResult, EventPayload } from '@bidwire/contract';
import { describe, expectTypeOf, test } from 'vitest';
import {
  createClient,
  createRestClient,
  isCommandError,
  type Auction,
  type BidwireClient,
  type BidwirePromise,
  type ClientErrorCode,
  type CommandFailureCode,
  type CommandPromise,
  type ConnectionState,
  type RestClient,
} from './index.js';

declare const client: BidwireClient;
declare const rest: RestClient;

describe('socket client', () => {
  test('createClient returns a BidwireClient', () => {
    expectTypeOf(createClient({ url: 'http://x' })).toEqualTypeOf<BidwireClient>();
    createClient({ url: 'http://x', getToken: async () => 'token' });
    // @ts-expect-error a token and a getter at once is ambiguous
    createClient({ url: 'http://x', token: 't', getToken: () => 't' });
  });

  test('placeBid takes the contract input and resolves to its result', () => {
    expectTypeOf(client.placeBid)
      .parameter(0)
      .toEqualTypeOf<{ auctionId: string; amount: number; maxAmount?: number | undefined; requestId?: string | undefined }>();
    expectTypeOf(client.placeBid).returns.toEqualTypeOf<CommandPromise<'placeBid'>>();
    expectTypeOf(client.placeBid).returns.toEqualTypeOf<BidwirePromise<CommandResult<'placeBid'>, CommandFailureCode<'placeBid'>>>();
    expectTypeOf(client.placeBid).returns.resolves.toEqualTypeOf<CommandResult<'placeBid'>>();
    expectTypeOf<Awaited<ReturnType<typeof client.placeBid>>['lot']['highestBid']>().toEqualTypeOf<number | null>();
    // @ts-expect-error amount is required
    void client.placeBid({ auctionId: 'a' });
    // @ts-expect-error amount is a number of cents
    void client.placeBid({ auctionId: 'a', amount: '10' });
  });

  test('an unknown command is a compile error', () => {
    // @ts-expect-error not in the contract
    void client.placeBidd({ auctionId: 'a', amount: 1 });
    // @ts-expect-error not in the contract
    void client.command('nope', {});
  });

  test('command() is typed like the generated methods', () => {
    expectTypeOf(client.command('joinAuction', { auctionId: 'a' })).toEqualTypeOf<CommandPromise<'joinAuction'>>();
  });

  test('a command without required input can be called with no argument', () => {
    expectTypeOf(client.timeSync()).resolves.toEqualTypeOf<{ serverTime: number }>();
    // @ts-expect-error joinAuction needs its auctionId
    void client.joinAuction();
  });

  test('event handlers get the contract payload', () => {
    const off = client.on('bidPlaced', (p) => {
      expectTypeOf(p.highestBid).toEqualTypeOf<number>();
      expectTypeOf(p.seq).toEqualTypeOf<number>();
    });
    expectTypeOf(off).toEqualTypeOf<() => void>();
    client.once('lotClosed', (p) => expectTypeOf(p.winner).toEqualTypeOf<{ id: string; name: string; avatarUrl?: string | undefined } | null>());
    // @ts-expect-error not an event of the contract
    client.on('bidPlacedd', () => {});
    expectTypeOf(client.waitFor('bidPlaced', (p) => p.bid.amount > 100)).toEqualTypeOf<
      BidwirePromise<EventPayload<'bidPlaced'>, 'TIMEOUT' | 'DISCONNECTED'>
    >();
  });

  test('connection state and errors', () => {
    expectTypeOf(client.state).toEqualTypeOf<'connecting' | 'connected' | 'disconnected' | 'reconnecting'>();
    client.onState((s) => expectTypeOf(s).toEqualTypeOf<ConnectionState>());
    client.onConnectError((e) => expectTypeOf(e.code).toEqualTypeOf<
      | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_FAILED' | 'INVALID_STATE' | 'BID_TOO_LOW' | 'RATE_LIMITED' | 'CONFLICT'
      | 'UNAVAILABLE' | 'INTERNAL' | 'INCOMPATIBLE_CONTRACT' | undefined
    >());
  });

  test('isCommandError narrows the code to what the command declares', () => {
    const err: unknown = null;
    if (isCommandError(err, 'timeSync')) {
      expectTypeOf(err.code).toEqualTypeOf<'VALIDATION_FAILED' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL' | 'TIMEOUT' | 'DISCONNECTED'>();
      expectTypeOf(err.code).toExtend<ClientErrorCode>();
    }
  });
});

describe('REST client', () => {
  test('inputs include only the parts a route defines', () => {
    expectTypeOf(rest.verifyOtp)
      .parameter(0)
      .toEqualTypeOf<{ body: { phone: string; code: string; name?: string | undefined } }>();
    expectTypeOf(rest.getAuction).parameter(0).toEqualTypeOf<{ params: { id: string } }>();
    expectTypeOf(rest.listAuctions)
      .parameter(0)
      .toEqualTypeOf<
        | {
            query?: {
              status?: 'scheduled' | 'live' | 'ended' | 'canceled' | undefined;
              cursor?: string | undefined;
              limit?: number | undefined;
            };
          }
        | undefined
      >();
    rest.listBids({ params: { id: 'a', lotId: 'l' }, query: { cursor: 'c' } });
    // @ts-expect-error getAuction takes no body
    rest.getAuction({ params: { id: 'a' }, body: {} });
    // @ts-expect-error params are required
    rest.getAuction({});
  });

  test('responses are the output of the route schema', () => {
    expectTypeOf(rest.getAuction).returns.toEqualTypeOf<Promise<Auction>>();
    expectTypeOf(rest.verifyOtp).returns.resolves.toHaveProperty('accessToken').toEqualTypeOf<string>();
    expectTypeOf(rest.listAuctions).returns.resolves.toEqualTypeOf<{ items: Auction[]; nextCursor: string | null }>();
    expectTypeOf(rest.logout).returns.toEqualTypeOf<Promise<null>>();
    expectTypeOf(rest.healthz()).toEqualTypeOf<Promise<{ status: 'ok'; time: string }>>();
    expectTypeOf(createRestClient({ baseUrl: 'http://x', token: 't' })).toEqualTypeOf<RestClient>();
  });
});
