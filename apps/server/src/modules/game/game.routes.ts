// The game's REST routes (SPEC §8), through the service.
import type { domains } from '@bidwire/contract';
import type { ModuleRoutes } from '../../core/module.js';
import type { GameService } from './game.service.js';

export const gameRoutes = (games: GameService): ModuleRoutes<typeof domains.game> => ({
  createGame: ({ body, user }) => games.createGame(body, user.id),
  listGames: ({ query }) => games.listGames(query),
  getGame: ({ params }) => games.getGame(params.id),
  deleteGame: ({ params, user }) => games.deleteGame(params.id, user.id),
});
