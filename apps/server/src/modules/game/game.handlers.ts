// Thin handlers of the game commands: contract input + caller context -> service -> ack data.
import type { domains } from '@bidwire/contract';
import type { CommandContext } from '../../core/context.js';
import type { ModuleCommands } from '../../core/module.js';
import { gameRoom } from '../../core/rooms.js';
import type { GameCaller, GameService } from './game.service.js';

const callerOf = (ctx: CommandContext): GameCaller => ({
  userId: ctx.user.id,
  socketId: ctx.socketId,
  isInRoom: (room) => ctx.rooms.has(room),
});

export function gameHandlers(games: GameService): ModuleCommands<typeof domains.game> {
  return {
    joinGame: ({ gameId }, ctx) => games.joinGame(gameId, callerOf(ctx), () => ctx.rooms.join(gameRoom(gameId))),
    leaveGame: ({ gameId }, ctx) => games.leaveGame(gameId, callerOf(ctx), () => ctx.rooms.leave(gameRoom(gameId))),
    setReady: ({ gameId, ready }, ctx) => games.setReady(gameId, ready, ctx.user.id),
    startGame: ({ gameId }, ctx) => games.startGame(gameId, ctx.user.id),
    sell: (input, ctx) => games.sell(input, ctx.user.id),
    gameBid: (input, ctx) => games.gameBid(input, ctx.user.id),
  };
}
