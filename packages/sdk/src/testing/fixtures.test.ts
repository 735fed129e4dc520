// Every fixture is what the server could send: parsed by its contract schema, it comes back unchanged.
import { Auction, AuctionSnapshot, Bid, Comment, Conversation, Lot, Message, PublicUser } from '@bidwire/contract';
import { describe, expect, test } from 'vitest';
import * as f from './fixtures.js';

describe('fixtures', () => {
  test.each([
    ['userFixture', PublicUser, f.userFixture()],
    ['auctionFixture', Auction, f.auctionFixture()],
    ['lotFixture', Lot, f.lotFixture()],
    ['bidFixture', Bid, f.bidFixture()],
    ['commentFixture', Comment, f.commentFixture()],
    ['snapshotFixture', AuctionSnapshot, f.snapshotFixture({ lot: f.lotFixture(), recentBids: [f.bidFixture()] })],
    ['messageFixture', Message, f.messageFixture()],
    ['conversationFixture', Conversation, f.conversationFixture({ lastMessage: f.messageFixture() })],
  ] as const)('%s matches its schema', (_name, schema, value) => {
    expect((schema as { parse(v: unknown): unknown }).parse(value)).toEqual(value);
  });

  test('overrides replace fields', () => {
    expect(f.lotFixture({ highestBid: 120 }).highestBid).toBe(120);
  });
});
