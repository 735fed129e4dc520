// Auction games (SPEC §8): the commands a player sends and the events the game room (and each
// player's own user room) receives.
import * as z from 'zod';
import { command, event } from './define.js';
import { Id, Money, PublicUser, RequestId, RoomEventMeta, Timestamp } from './shared.js';
import {
  Balance,
  Game,
  GameBid,
  GameSnapshot,
  Inventory,
  InventoryEntry,
  LeaderboardEntry,
  RemovedEntry,
  RoundPlayer,
  Sale,
  SettledSale,
} from './game.entities.js';

const GameRef = z.object({ gameId: Id });
const Empty = z.object({});
const roomEvent = <T extends z.ZodRawShape>(shape: T) => RoomEventMeta.extend(shape);
/** Every durable game event carries the game room's `seq`; its id is the payload's `gameId`. */
const inGameRoom = { room: 'game', idField: 'gameId' } as const;

/** A bundle to sell: each item type once, whole quantities ≥ 0, at least one above 0. */
export const SellItems = z
  .array(InventoryEntry)
  .min(1)
  .max(20)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.item)) ctx.addIssue({ code: 'custom', path: [i, 'item'], message: `List each item once (${e.item} appears twice).` });
      seen.add(e.item);
    });
    if (entries.every((e) => e.quantity === 0)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Sell at least one item: every quantity is 0.' });
    }
  });

export const gameCommands = {
  joinGame: command({
    description:
      'Join a game: anyone while it is in the lobby and not full (you become a player), a player at any time ' +
      '(that is how a reconnecting player rejoins). Answers the snapshot.',
    request: GameRef,
    response: GameSnapshot,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
    joins: inGameRoom,
  }),
  leaveGame: command({
    description: 'Leave a game: in the lobby you are no longer a player; in a running game you are removed (holdings kept).',
    request: GameRef,
    response: Empty,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    leaves: inGameRoom,
  }),
  setReady: command({
    description: 'A player says they are ready (or not) in the lobby.',
    request: z.object({ gameId: Id, ready: z.boolean() }),
    response: Empty,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  startGame: command({
    description: 'The creator starts the game: at least 2 players, all ready. Round 1 opens right after.',
    request: GameRef,
    response: z.object({ game: Game }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  sell: command({
    description: "The round's seller puts up a hidden bundle from their inventory; bidding starts.",
    request: z.object({ gameId: Id, items: SellItems }),
    response: z.object({ sale: Sale }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    // Items must be distinct and the bundle non-empty: a sample made from the schema would not do.
    example: { request: { gameId: 'cm4x9q2kd0001', items: [{ item: 'gold', quantity: 2 }, { item: 'silk', quantity: 1 }] } },
  }),
  gameBid: command({
    description: "Bid on the round's bundle: at least the highest bid + 1, at most your money; moves the bid timer.",
    request: z.object({ gameId: Id, amount: Money, requestId: RequestId.optional() }),
    response: z.object({ bid: GameBid }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'BID_TOO_LOW'],
  }),
} as const;

export const gameEvents = {
  playerJoined: event({
    scope: 'room',
    room: inGameRoom,
    description: 'Someone joined the game as a player (the first time only).',
    payload: roomEvent({ gameId: Id, player: PublicUser }),
  }),
  playerLeft: event({
    scope: 'room',
    room: inGameRoom,
    description: "A player left the lobby (`left`), or was removed from a running game (`removed`: leaveGame, or disconnected too long).",
    payload: roomEvent({ gameId: Id, playerId: Id, reason: z.enum(['left', 'removed']) }),
  }),
  playerStatusChanged: event({
    scope: 'room',
    room: inGameRoom,
    description: 'A player became ready, or waiting again, in the lobby.',
    payload: roomEvent({ gameId: Id, playerId: Id, status: z.enum(['ready', 'waiting']) }),
  }),
  gameStarted: event({
    scope: 'room',
    room: inGameRoom,
    description: 'The creator started the game.',
    payload: roomEvent({ gameId: Id, game: Game }),
  }),
  roundStarted: event({
    scope: 'room',
    room: inGameRoom,
    description: "A round opened: its seller has until sellEndsAt to put up a bundle.",
    payload: roomEvent({ gameId: Id, round: z.int().positive(), sellerId: Id, sellEndsAt: Timestamp }),
  }),
  saleCreated: event({
    scope: 'room',
    room: inGameRoom,
    description: "The seller put up a bundle: its weight only (the items stay secret until the round ends).",
    payload: roomEvent({ gameId: Id, round: z.int().positive(), sellerId: Id, weight: z.number().positive(), endsAt: Timestamp }),
  }),
  gameBidPlaced: event({
    scope: 'room',
    room: inGameRoom,
    description: 'A bid was accepted; `endsAt` is bidding’s new end.',
    payload: roomEvent({ gameId: Id, round: z.int().positive(), playerId: Id, amount: Money, endsAt: Timestamp }),
  }),
  roundEnded: event({
    scope: 'room',
    room: inGameRoom,
    description: 'The round was settled: the bundle revealed, who won it and for how much, and every player’s money and item count.',
    payload: roomEvent({
      gameId: Id,
      round: z.int().positive(),
      sale: SettledSale.nullable(),
      winnerId: Id.nullable(),
      amount: Money.nullable(),
      players: z.array(RoundPlayer),
    }),
  }),
  gameEnded: event({
    scope: 'room',
    room: inGameRoom,
    description: 'The game ended: the leaderboard (positions shared on equal scores) and the removed players.',
    payload: roomEvent({ gameId: Id, leaderboard: z.array(LeaderboardEntry), removed: z.array(RemovedEntry) }),
  }),
  gameDeleted: event({
    scope: 'room',
    room: inGameRoom,
    description: 'The creator deleted the game: it is gone for everyone.',
    payload: roomEvent({ gameId: Id }),
  }),
  playerState: event({
    scope: 'room',
    room: { room: 'user' },
    description:
      "A player's own money and inventory after each settlement: to that player's user room alone (durable there, " +
      'with its seq, so a reconnecting player gets what they missed).',
    payload: roomEvent({ gameId: Id, money: Balance, inventory: Inventory }),
  }),
  playerConnected: event({
    scope: 'ephemeral',
    description: "A player's first socket joined the game room (no seq).",
    audience: 'Every socket in the game room game:<gameId>; live only, no seq, never replayed (the snapshot has `connected`).',
    payload: z.object({ gameId: Id, playerId: Id }),
  }),
  playerDisconnected: event({
    scope: 'ephemeral',
    description: "A player's last socket left the game room (no seq).",
    audience: 'Every socket in the game room game:<gameId>; live only, no seq, never replayed (the snapshot has `connected`).',
    payload: z.object({ gameId: Id, playerId: Id }),
  }),
} as const;
