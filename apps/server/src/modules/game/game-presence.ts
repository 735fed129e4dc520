// Who is at the table: a player's first socket in the game room connects them, their last one leaving
// disconnects them and, in a running game, starts their removal clock (SPEC §8). Sockets count across nodes
// through the GameConnections port.
import { gameRoom } from '../../core/rooms.js';
import type { GameSteps } from './game-steps.js';
import * as rules from './game.domain.js';

export function createGamePresence({ d, repo, now, removalAt }: GameSteps) {
  /** A socket of `userId` entered the game room (joinGame, or connection state recovery). */
  async function socketJoined(gameId: string, userId: string, socketId: string) {
    const first = await d.connections.add(gameId, userId, socketId);
    d.timers.cancelRemoval(gameId, userId);
    if (!first) return;
    const status = await repo.playerStatus(gameId, userId);
    if (!status || !rules.isActive(status)) return;
    await repo.markConnected(gameId, userId);
    d.emitter.toRoom(gameRoom(gameId), 'playerConnected', { gameId, playerId: userId });
  }

  /** A socket of `userId` left the game room (leaveGame, or disconnect). */
  async function socketLeft(gameId: string, userId: string, socketId: string) {
    if (!(await d.connections.remove(gameId, userId, socketId))) return;
    const [game, status] = await Promise.all([repo.findGame(gameId), repo.playerStatus(gameId, userId)]);
    if (!game || (game.status !== 'lobby' && game.status !== 'running') || !status || !rules.isActive(status)) return;
    const at = now();
    await repo.markDisconnected(gameId, userId, at);
    d.emitter.toRoom(gameRoom(gameId), 'playerDisconnected', { gameId, playerId: userId });
    if (game.status === 'running') d.timers.removal(gameId, userId, removalAt(at));
  }

  return {
    socketJoined,
    socketLeft,

    /**
     * Players the database believes connected but whom no node counts any more (a restart, a crashed node)
     * are disconnected now: their removal clock starts.
     */
    async reconcileConnections(): Promise<void> {
      const believed = await repo.believedConnected();
      const byGame = new Map<string, { status: string; users: string[] }>();
      for (const p of believed) {
        const entry = byGame.get(p.gameId) ?? { status: p.game.status, users: [] };
        entry.users.push(p.userId);
        byGame.set(p.gameId, entry);
      }
      for (const [gameId, { status, users }] of byGame) {
        const first = await d.connections.connected(gameId);
        const missing = users.filter((u) => !first.has(u));
        if (missing.length === 0) continue;
        // Read again: a socket may have been counting in while we looked.
        const second = await d.connections.connected(gameId);
        for (const userId of missing.filter((u) => !second.has(u))) {
          const at = now();
          if (!(await repo.markDisconnected(gameId, userId, at))) continue;
          d.emitter.toRoom(gameRoom(gameId), 'playerDisconnected', { gameId, playerId: userId });
          if (status === 'running') d.timers.removal(gameId, userId, removalAt(at));
        }
      }
    },
  };
}
export type GamePresence = ReturnType<typeof createGamePresence>;
