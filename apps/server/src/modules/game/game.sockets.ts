// The game's socket hooks: a socket leaving (disconnect) or coming back (connection state recovery, whose
// rooms the handshake has already re-checked) with game rooms in hand counts out of / into those games'
// connections, so playerConnected/playerDisconnected and the removal clock follow a player's first and last socket.
import type { SocketHooks } from '../../core/module.js';
import { gameIdOfRoom } from '../../core/rooms.js';
import type { GameService } from './game.service.js';

export function gameSockets(games: GameService): SocketHooks & { idle(): Promise<void> } {
  // Hooks in flight, so the module can let them finish before the database closes.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>) => {
    inFlight.add(work);
    void work.catch(() => undefined).finally(() => inFlight.delete(work));
    return work;
  };
  return {
    disconnecting(ctx, rooms) {
      return track(
        (async () => {
          for (const room of rooms) {
            const gameId = gameIdOfRoom(room);
            if (gameId) await games.socketLeft(gameId, ctx.user.id, ctx.socketId);
          }
        })(),
      );
    },
    async recovered(ctx, rooms) {
      for (const room of rooms) {
        const gameId = gameIdOfRoom(room);
        if (gameId) await games.socketJoined(gameId, ctx.user.id, ctx.socketId);
      }
    },
    async idle() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
