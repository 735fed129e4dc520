// Type behaviour of failures: rejections are typed BidwireErrors whose `code` is the command's declared
// union (exhaustive switches compile, a code the command cannot answer does not), never `any`.
import { describe, expectTypeOf, test } from 'vitest';
import {
  BidwireError,
  isBidwireError,
  settle,
  type BidwireClient,
  type ClientErrorCode,
  type CommandFailureCode,
  type CommandResult,
  type Settled,
} from './index.js';

declare const client: BidwireClient;
const assertNever = (value: never): never => {
  throw new Error(`unexpected ${String(value)}`);
};

describe('command rejections', () => {
  test('.catch() receives a BidwireError of the command’s codes, not any', () => {
    void client.placeBid({ auctionId: 'a', amount: 1 }).catch((e) => {
      expectTypeOf(e).not.toBeAny();
      expectTypeOf(e).toEqualTypeOf<BidwireError<CommandFailureCode<'placeBid'>>>();
      expectTypeOf(e.code).toEqualTypeOf<
        | 'VALIDATION_FAILED' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL'
        | 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'BID_TOO_LOW' | 'CONFLICT'
        | 'TIMEOUT' | 'DISCONNECTED'
      >();
    });
    void client.timeSync().then(undefined, (e) => expectTypeOf(e.code).toEqualTypeOf<CommandFailureCode<'timeSync'>>());
    void client.waitFor('bidPlaced').catch((e) => expectTypeOf(e.code).toEqualTypeOf<'TIMEOUT' | 'DISCONNECTED'>());
  });

  test('an exhaustive switch over a command’s codes compiles; a foreign code does not', () => {
    void client.joinAuction({ auctionId: 'a' }).catch((e) => {
      switch (e.code) {
        case 'NOT_FOUND':
        case 'INVALID_STATE':
        case 'VALIDATION_FAILED':
        case 'RATE_LIMITED':
        case 'UNAVAILABLE':
        case 'INTERNAL':
        case 'TIMEOUT':
        case 'DISCONNECTED':
          return;
        // @ts-expect-error joinAuction never answers BID_TOO_LOW
        case 'BID_TOO_LOW':
          return;
        default:
          return assertNever(e.code);
      }
    });
  });

  test('settle() gives a typed { ok, data } | { ok, error } without try/catch', async () => {
    const r = await settle(client.placeBid({ auctionId: 'a', amount: 1 }));
    expectTypeOf(r).toEqualTypeOf<Settled<CommandResult<'placeBid'>, CommandFailureCode<'placeBid'>>>();
    if (r.ok) expectTypeOf(r.data.bid.amount).toEqualTypeOf<number>();
    else expectTypeOf(r.error.code).toEqualTypeOf<CommandFailureCode<'placeBid'>>();
  });

  test('a command promise is still a Promise of the result', () => {
    const p: Promise<CommandResult<'placeBid'>> = client.placeBid({ auctionId: 'a', amount: 1 });
    void p;
  });
});

describe('isBidwireError', () => {
  test('narrows unknown to BidwireError, and to a command’s codes when given its name', () => {
    const e: unknown = null;
    if (isBidwireError(e)) {
      expectTypeOf(e).toEqualTypeOf<BidwireError>();
      expectTypeOf(e.code).toEqualTypeOf<ClientErrorCode>();
      expectTypeOf(e.command).toEqualTypeOf<string>();
      expectTypeOf(e.details).toEqualTypeOf<unknown>();
    }
    if (isBidwireError(e, 'sendMessage')) {
      expectTypeOf(e.code).toEqualTypeOf<CommandFailureCode<'sendMessage'>>();
    }
    // @ts-expect-error not a command of the contract
    isBidwireError(e, 'sendMessages');
  });

  test('BidwireError carries its code type', () => {
    const err = new BidwireError({ code: 'BID_TOO_LOW', command: 'placeBid', message: 'too low' });
    expectTypeOf(err.code).toEqualTypeOf<'BID_TOO_LOW'>();
    expectTypeOf(err).toExtend<Error>();
  });
});
