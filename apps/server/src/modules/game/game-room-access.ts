// Who may be in a game room and resync it: its players (removed ones included) at any time; anyone while the
// game is in the lobby (its events are public there); deleted games' rooms stay readable by their players, so
// a client that missed gameDeleted learns of it.
import { forbidden, notFound } from '../../core/errors.js';
import type { RoomAccess } from '../../core/module.js';
import { gameRoom } from '../../core/rooms.js';
import type { Db } from '../../db/client.js';
import { createGameRepository } from './game.repository.js';
import type { GameService } from './game.service.js';

export function gameRoomAccess(db: Db, games: Pick<GameService, 'snapshot'>): RoomAccess {
  const repo = createGameRepository(db);
  return {
    // As joinGame decides for someone coming back: a player of the game (removed ones included) while it exists.
    async mayEnter(user, id) {
      const status = await repo.gameStatus(id);
      if (status === null || status === 'deleted') return false;
      return (await repo.playerStatus(id, user.id)) !== null;
    },
    async authorize(caller, id) {
      const room = gameRoom(id);
      if (caller.isInRoom(room)) return room;
      const status = await repo.gameStatus(id);
      if (status === null) throw notFound('Game');
      if (status === 'lobby') return room;
      if ((await repo.playerStatus(id, caller.userId)) === null) throw forbidden('You are not a player of this game.');
      return room;
    },
    snapshot: (caller, id) => games.snapshot(id, caller.userId),
  };
}
