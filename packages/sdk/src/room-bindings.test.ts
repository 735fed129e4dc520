// The contract's room metadata as the SDK reads it: joins, leaves, and every durable event's room.
import { events } from '@bidwire/contract';
import { describe, expect, it } from 'vitest';
import { isRetryable, roomJoinedBy, roomLeftBy, roomOfEvent } from './room-bindings.js';

describe('room bindings', () => {
  it('knows which commands join and leave which room', () => {
    expect(roomJoinedBy('joinAuction', { auctionId: 'a1' })).toEqual({ type: 'auction', id: 'a1' });
    expect(roomLeftBy('leaveAuction', { auctionId: 'a1' })).toEqual({ type: 'auction', id: 'a1' });
    expect(roomJoinedBy('placeBid', { auctionId: 'a1' })).toBeNull();
  });

  it('treats game rooms like the others: joinGame joins, leaveGame leaves, game events carry its seq', () => {
    expect(roomJoinedBy('joinGame', { gameId: 'g1' })).toEqual({ type: 'game', id: 'g1' });
    expect(roomLeftBy('leaveGame', { gameId: 'g1' })).toEqual({ type: 'game', id: 'g1' });
    expect(roomOfEvent('roundEnded', { gameId: 'g1', seq: 7 })).toEqual({ type: 'game', id: 'g1' });
    expect(roomOfEvent('playerState', { gameId: 'g1', seq: 2 })).toEqual({ type: 'user', id: 'me' });
    expect(roomOfEvent('playerConnected', { gameId: 'g1', playerId: 'u1' })).toBeNull();
    expect(isRetryable('joinGame', { gameId: 'g1' })).toBe(true);
    expect(isRetryable('gameBid', { gameId: 'g1', amount: 5 })).toBe(false);
    expect(isRetryable('gameBid', { gameId: 'g1', amount: 5, requestId: 'r' })).toBe(true);
  });

  it('finds the room of a durable event, and none for events without seq', () => {
    expect(roomOfEvent('bidPlaced', { auctionId: 'a1', seq: 3 })).toEqual({ type: 'auction', id: 'a1' });
    expect(roomOfEvent('viewerCountChanged', { auctionId: 'a1', viewerCount: 1 })).toBeNull();
  });

  it('every room-scoped event of the contract declares its room', () => {
    const missing = Object.entries(events as Record<string, { scope: string; room?: unknown }>)
      .filter(([, def]) => def.scope === 'room' && !def.room)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('resends only what is safe to repeat', () => {
    expect(isRetryable('placeBid', { auctionId: 'a', amount: 1, requestId: 'r' })).toBe(true);
    expect(isRetryable('joinAuction', { auctionId: 'a' })).toBe(true);
    expect(isRetryable('timeSync', {})).toBe(true);
    expect(isRetryable('awardLot', { auctionId: 'a' })).toBe(false);
  });
});
