// What the game's timers and sweeps wake (game-scheduler.ts): a round whose deadline passed is settled and
// the next one opened, a player disconnected for GAME_REMOVE_AFTER_MS is removed. The database decides
// whether a wake-up has anything to do, so a stale or duplicate one (another node's) is a no-op.
import { LostRace, lockedState, removeFromGame, settleAndAdvance } from './game-rounds.js';
import type { GameSteps } from './game-steps.js';

/** Thrown inside a transaction to roll it back when a wake-up finds nothing due (yet). */
class NotDue extends Error {
  override name = 'NotDue';
  constructor(readonly at: Date | null) {
    super(at ? `not due before ${at.toISOString()}` : 'nothing due');
  }
}

export function createGameWakeups({ d, repo, now, stepCommit, followRound, removalAt }: GameSteps) {
  return {
    /** Settles the game's current round if its deadline has passed (one caller wins); answers whether it did. */
    async settleDue(gameId: string): Promise<boolean> {
      try {
        const next = await stepCommit(async (s) => {
          const state = await lockedState(s, gameId);
          const round = state?.round;
          if (!state || state.game.status !== 'running' || !round || round.phase === 'settled' || !round.dueAt) throw new NotDue(null);
          if (round.dueAt.getTime() > s.now.getTime()) throw new NotDue(round.dueAt);
          return settleAndAdvance(s, state, round);
        });
        followRound(gameId, next);
        return true;
      } catch (error) {
        if (error instanceof NotDue) {
          followRound(gameId, error.at);
          return false;
        }
        if (error instanceof LostRace) return false;
        throw error;
      }
    },

    /** Removes a player of a running game who has been disconnected for GAME_REMOVE_AFTER_MS; answers whether it did. */
    async removeIfDue(gameId: string, userId: string): Promise<boolean> {
      if ((await d.connections.connected(gameId)).has(userId)) {
        // Back on some node (the database had not heard yet): connected after all.
        await repo.markConnected(gameId, userId);
        return false;
      }
      try {
        const removed = await stepCommit(async (s) => {
          const state = await lockedState(s, gameId);
          const me = state?.players.find((p) => p.userId === userId);
          if (!state || state.game.status !== 'running' || !me || me.status !== 'playing' || !me.disconnectedAt) throw new NotDue(null);
          const due = removalAt(me.disconnectedAt);
          if (due.getTime() > s.now.getTime()) throw new NotDue(due);
          return removeFromGame(s, state, userId);
        });
        followRound(gameId, removed.dueAt);
        return removed.removed;
      } catch (error) {
        if (error instanceof NotDue) {
          if (error.at) d.timers.removal(gameId, userId, error.at);
          return false;
        }
        if (error instanceof LostRace) return false;
        throw error;
      }
    },

    dueRounds: () => repo.dueRounds(now()),
    dueRemovals: () => repo.dueRemovals(new Date(now().getTime() - d.removeAfterMs)),
    /** Arms a timer for every round and removal still ahead (at start). */
    async armTimers(): Promise<void> {
      for (const r of await repo.pendingRounds()) followRound(r.gameId, r.dueAt);
      for (const p of await repo.disconnectedPlayers()) if (p.disconnectedAt) d.timers.removal(p.gameId, p.userId, removalAt(p.disconnectedAt));
    },
  };
}
