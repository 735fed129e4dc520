// Type behaviour of the test kit: handlers get the command's payload and must answer its response;
// fail() takes only declared codes; emit() takes the event's payload (room events without seq/at).
import type { CommandPayload, EventPayload } from '@bidwire/contract';
import { describe, expectTypeOf, test } from 'vitest';
import type { BidwireClient } from '../index.js';
import { createTestClient, lotFixture, bidFixture, type FakeServer } from './index.js';

declare const server: FakeServer;

describe('test kit types', () => {
  test('createTestClient gives a real client and the server', () => {
    const { client, server: s } = createTestClient({ commandTimeoutMs: 100 });
    expectTypeOf(client).toEqualTypeOf<BidwireClient>();
    expectTypeOf(s).toEqualTypeOf<FakeServer>();
    // @ts-expect-error the fake server gives the url
    createTestClient({ url: 'http://x' });
  });

  test('handle() is typed by the command', () => {
    server.handle('placeBid', (input, ctx) => {
      expectTypeOf(input).toEqualTypeOf<CommandPayload<'placeBid'>>();
      if (input.amount < 10) ctx.fail('BID_TOO_LOW', 'too low');
      // @ts-expect-error placeBid does not declare UNAUTHENTICATED
      if (input.amount < 5) ctx.fail('UNAUTHENTICATED', 'nope');
      return { bid: bidFixture(), lot: lotFixture(), myMaxBid: input.amount };
    });
    server.handle('leaveAuction', {});
    // @ts-expect-error the answer must match the response schema
    server.handle('placeBid', () => ({ bid: bidFixture() }));
    // @ts-expect-error not a command
    server.handle('placeBidd', {});
  });

  test('emit() takes the event payload; room events may leave seq and at out', () => {
    const sent = server.emit('bidPlaced', { auctionId: 'a', lotId: 'l', bid: bidFixture(), highestBid: 1, bidCount: 1 });
    expectTypeOf(sent).toEqualTypeOf<EventPayload<'bidPlaced'>>();
    server.emit('viewerCountChanged', { auctionId: 'a', viewerCount: 2 });
    // @ts-expect-error viewerCount is required
    server.emit('viewerCountChanged', { auctionId: 'a' });
    expectTypeOf(server.nextCommand('joinAuction')).resolves.toEqualTypeOf<CommandPayload<'joinAuction'>>();
    expectTypeOf(server.commandsOf('postComment')).toEqualTypeOf<CommandPayload<'postComment'>[]>();
  });
});
