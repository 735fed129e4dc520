// The port that wakes the game module when a round is due to settle or a disconnected player is due to be
// removed. Like lot timers, a wake-up only says "look now": the database decides, so a stale or duplicate
// wake-up is harmless (another node may hold one too) and the periodic sweep covers restarts.
import { createLocalDueTimers } from '../../core/ports/due-timers.js';

export interface GameTimers {
  /** (Re)arms the game's round timer; a later call replaces the earlier one. */
  round(gameId: string, at: Date): void;
  /** (Re)arms the removal of a disconnected player. */
  removal(gameId: string, userId: string, at: Date): void;
  cancelRemoval(gameId: string, userId: string): void;
  close(): void;
}

/** In process: the keyed setTimeout wheel of timed lots (which also copes with waits above 24.8 days). */
export function createLocalGameTimers(
  on: { roundDue(gameId: string): void; removalDue(gameId: string, userId: string): void },
  now: () => number = Date.now,
): GameTimers {
  const timers = createLocalDueTimers((key) => {
    const [kind, gameId = '', userId = ''] = key.split('\u0000');
    if (kind === 'round') on.roundDue(gameId);
    else on.removalDue(gameId, userId);
  }, now);
  // Hooks still running while the server closes (a socket's disconnect) must not arm timers after close.
  let closed = false;
  const schedule = (key: string, at: Date) => {
    if (!closed) timers.schedule(key, at);
  };
  return {
    round: (gameId, at) => schedule(`round\u0000${gameId}`, at),
    removal: (gameId, userId, at) => schedule(`removal\u0000${gameId}\u0000${userId}`, at),
    cancelRemoval: (gameId, userId) => timers.cancel(`removal\u0000${gameId}\u0000${userId}`),
    close: () => {
      closed = true;
      timers.close();
    },
  };
}
