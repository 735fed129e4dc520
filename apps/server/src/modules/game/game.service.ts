// Auction games (SPEC §8) as one service over shared transaction steps (game-steps.ts): the REST side
// (game-catalog.ts), the commands (game-commands.ts), players' sockets (game-presence.ts) and what timers
// wake (game-wakeups.ts).
import { createGameCatalog } from './game-catalog.js';
import { createGameCommands } from './game-commands.js';
import { createGamePresence } from './game-presence.js';
import { readGameSnapshot } from './game-snapshot.js';
import { createGameSteps, type GameServiceDeps } from './game-steps.js';
import { createGameWakeups } from './game-wakeups.js';

export type { GameCaller } from './game-commands.js';
export type { GameServiceDeps } from './game-steps.js';

export function createGameService(d: GameServiceDeps) {
  const steps = createGameSteps(d);
  const presence = createGamePresence(steps);
  return {
    ...presence,
    snapshot: (gameId: string, userId: string) => readGameSnapshot(d.db, d.connections, gameId, userId),
    ...createGameCatalog(steps),
    ...createGameCommands(steps, presence),
    ...createGameWakeups(steps),
  };
}
export type GameService = ReturnType<typeof createGameService>;
