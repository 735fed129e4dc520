// The game's REST side (SPEC §8): create, list, read and delete games.
import type { CreateGameInput, Game } from '@bidwire/contract';
import type * as z from 'zod';
import { forbidden, notFound } from '../../core/errors.js';
import { gameRoom } from '../../core/rooms.js';
import { record } from './game-rounds.js';
import type { GameSteps } from './game-steps.js';
import * as rules from './game.domain.js';
import { createGameRepository } from './game.repository.js';

export function createGameCatalog({ repo, now, onGame, publicGame }: GameSteps) {
  return {
    async createGame(input: z.output<typeof CreateGameInput>, userId: string): Promise<Game> {
      const created = await repo.createGame({
        creatorId: userId,
        title: input.title,
        maxPlayers: input.maxPlayers,
        maxRounds: input.maxRounds,
        startMoney: input.startMoney,
        bidTimeMs: input.bidTimeMs,
        sellTimeMs: input.sellTimeMs,
        items: input.items,
        startInventory: input.startInventory,
        createdAt: now(),
      });
      return publicGame(created);
    },

    async listGames(query: { status?: 'lobby' | 'running' | 'ended' | undefined; cursor?: string | undefined; limit: number }) {
      const page = await repo.listGames(query.status, query.cursor, query.limit);
      return { items: page.items.map(publicGame), nextCursor: page.nextCursor };
    },

    async getGame(gameId: string): Promise<Game> {
      const found = await repo.findPublicGame(gameId);
      if (!found || found.game.status === 'deleted') throw notFound('Game');
      return publicGame(found);
    },

    async deleteGame(gameId: string, userId: string): Promise<null> {
      await onGame(gameId, async (s, { game }) => {
        if (game.creatorId !== userId) throw forbidden(rules.MESSAGES.onlyCreatorDelete);
        if (!(await createGameRepository(s.tx).markDeleted(game.id))) throw notFound('Game');
        await record(s, gameRoom(game.id), 'gameDeleted', { gameId: game.id });
      });
      return null;
    },
  };
}
