// The REST routes of auction games (SPEC §8): create, list, read and delete games.
import * as z from 'zod';
import { route } from './define.js';
import { Cursor, Limit } from './paging.js';
import { Id, Money, page } from './shared.js';
import { Game, GameItem, InventoryEntry } from './game.entities.js';

/** Money and scores must stay safe integers however the game goes: the whole game's worth is bounded. */
const MAX_GAME_WORTH = Number.MAX_SAFE_INTEGER;

export const CreateGameInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    maxPlayers: z.int().min(2).max(16),
    maxRounds: z.int().min(1).max(200),
    startMoney: Money,
    bidTimeMs: z.int().min(1_000).max(300_000),
    sellTimeMs: z.int().min(1_000).max(300_000).default(30_000),
    items: z.array(GameItem).min(1).max(20),
    startInventory: z.array(InventoryEntry).max(20),
  })
  .superRefine((game, ctx) => {
    const known = new Set<string>();
    game.items.forEach((it, i) => {
      if (known.has(it.item)) ctx.addIssue({ code: 'custom', path: ['items', i, 'item'], message: `Item types must be distinct: ${it.item} appears twice.` });
      known.add(it.item);
    });
    const listed = new Set<string>();
    game.startInventory.forEach((entry, i) => {
      if (!known.has(entry.item)) {
        ctx.addIssue({ code: 'custom', path: ['startInventory', i, 'item'], message: `${entry.item} is not one of the game's items.` });
      }
      if (listed.has(entry.item)) {
        ctx.addIssue({ code: 'custom', path: ['startInventory', i, 'item'], message: `List each item once: ${entry.item} appears twice.` });
      }
      listed.add(entry.item);
    });
    const value = new Map(game.items.map((it) => [it.item, it.value]));
    const perPlayer = game.startMoney + game.startInventory.reduce((sum, e) => sum + e.quantity * (value.get(e.item) ?? 0), 0);
    if (perPlayer * game.maxPlayers > MAX_GAME_WORTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['startMoney'],
        message: 'The game is worth too much: maxPlayers × (startMoney + the start inventory’s value) must be a safe integer.',
      });
    }
  });
export type CreateGameInput = z.input<typeof CreateGameInput>;

export const GameListStatus = z.enum(['lobby', 'running', 'ended']);

export const gameRoutes = {
  createGame: route({
    method: 'POST', path: '/games', auth: true, status: 201,
    description: 'Create a game in the lobby; the caller becomes its creator (a player only after joining).',
    body: CreateGameInput,
    response: Game,
  }),
  listGames: route({
    method: 'GET', path: '/games', auth: true, status: 200,
    description: 'Games, newest first, optionally by status.',
    query: z.object({ status: GameListStatus.optional(), cursor: Cursor.optional(), limit: Limit }),
    response: page(Game),
  }),
  getGame: route({
    method: 'GET', path: '/games/:id', auth: true, status: 200,
    description: 'One game (its public state: never a player’s inventory, never a sale’s items before settlement).',
    params: z.object({ id: Id }),
    response: Game,
  }),
  deleteGame: route({
    method: 'DELETE', path: '/games/:id', auth: true, status: 204,
    description: 'The creator deletes the game: the room receives gameDeleted and the game is gone for everyone.',
    params: z.object({ id: Id }),
    response: z.null(),
  }),
} as const;
