// Valid example entities for app tests, each one overridable field by field. A unit test parses every
// fixture with its contract schema, so they cannot drift from what the server sends.
import type { Auction, AuctionSnapshot, Bid, Comment, Conversation, Lot, Message, PublicUser } from '@bidwire/contract';

const AT = '2030-01-01T12:00:00.000Z';

export function userFixture(overrides: Partial<PublicUser> = {}): PublicUser {
  return { id: 'user-1', name: 'Ada', ...overrides };
}

export function auctionFixture(overrides: Partial<Auction> = {}): Auction {
  return {
    id: 'auction-1',
    owner: userFixture({ id: 'owner-1', name: 'Olga' }),
    title: 'Spring auction',
    description: null,
    categoryId: null,
    imageUrl: null,
    status: 'live',
    startsAt: null,
    expiresAt: null,
    startedAt: AT,
    endedAt: null,
    createdAt: AT,
    ...overrides,
  };
}

export function lotFixture(overrides: Partial<Lot> = {}): Lot {
  return {
    id: 'lot-1',
    auctionId: 'auction-1',
    product: 'Saffron, 1 kg',
    description: null,
    weight: null,
    startingPrice: 100,
    minIncrement: 10,
    marketPrice: null,
    status: 'open',
    highestBid: null,
    bidCount: 0,
    endsAt: null,
    openedAt: AT,
    closedAt: null,
    ...overrides,
  };
}

export function bidFixture(overrides: Partial<Bid> = {}): Bid {
  return { id: 'bid-1', auctionId: 'auction-1', lotId: 'lot-1', user: userFixture(), amount: 100, auto: false, createdAt: AT, ...overrides };
}

export function commentFixture(overrides: Partial<Comment> = {}): Comment {
  return { id: 'comment-1', auctionId: 'auction-1', user: userFixture(), text: 'Hello', createdAt: AT, ...overrides };
}

/** What `joinAuction` answers; `seq` defaults to 0 (a room with no event yet). */
export function snapshotFixture(overrides: Partial<AuctionSnapshot> = {}): AuctionSnapshot {
  return {
    auction: auctionFixture(),
    lot: null,
    recentBids: [],
    recentComments: [],
    viewerCount: 1,
    broadcasterPresent: true,
    seq: 0,
    serverTime: Date.parse(AT),
    myMaxBid: null,
    ...overrides,
  };
}

export function messageFixture(overrides: Partial<Message> = {}): Message {
  return { id: 'message-1', conversationId: 'conversation-1', sender: userFixture(), text: 'Hi', createdAt: AT, editedAt: null, deletedAt: null, ...overrides };
}

export function conversationFixture(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conversation-1',
    kind: 'direct',
    title: null,
    creatorId: 'user-1',
    participants: [userFixture(), userFixture({ id: 'user-2', name: 'Bo' })],
    createdAt: AT,
    lastMessage: null,
    unreadCount: 0,
    ...overrides,
  };
}
