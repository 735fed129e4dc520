// Auction games (SPEC §8): the game's commands and routes, its socket hooks, who may be in a game room, and
// the timers and scheduler that settle each round once.
import { domains } from '@bidwire/contract';
import type { EventEmitterPort } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { defineModule } from '../../core/module.js';
import type { GameConnections } from '../../core/ports/game-connections.js';
import type { DomainObserver } from '../../core/ports/observer.js';
import type { Db } from '../../db/client.js';
import { createIdempotency } from '../idempotency/idempotency.js';
import { gameRoomAccess } from './game-room-access.js';
import { createGameScheduler } from './game-scheduler.js';
import { createLocalGameTimers } from './game-timers.js';
import { gameHandlers } from './game.handlers.js';
import { gameRoutes } from './game.routes.js';
import { createGameService } from './game.service.js';
import { gameSockets } from './game.sockets.js';

export interface GameModuleDeps {
  db: Db;
  emitter: EventEmitterPort;
  /** In process, or shared through Redis in multi-node mode (cluster/cluster-ports.ts). */
  connections: GameConnections;
  multiNode: boolean;
  removeAfterMs: number;
  log: Logger;
  observer: Pick<DomainObserver, 'roundSettled'>;
  /** Test hook: the game clock (deadlines, bid checks, removal); the test moves it and calls `sweep`. */
  clock?: () => Date;
}

export function createGameModule(d: GameModuleDeps) {
  const now = d.clock ?? (() => new Date());
  const scheduler = createGameScheduler({
    games: () => games,
    log: d.log,
    reconcileEveryMs: d.multiNode ? 10_000 : undefined,
    // A test that moves the clock by hand sweeps when it means to: a sweep on a wall-clock beat would race it.
    sweepEveryMs: d.clock ? 0 : 2_000,
  });
  const timers = createLocalGameTimers(scheduler, () => now().getTime());
  const games = createGameService({
    db: d.db,
    emitter: d.emitter,
    idempotency: createIdempotency(d.db),
    connections: d.connections,
    timers,
    removeAfterMs: d.removeAfterMs,
    now,
    observer: d.observer,
  });
  const sockets = gameSockets(games);
  const module = defineModule(domains.game, {
    commands: gameHandlers(games),
    routes: gameRoutes(games),
    sockets,
    rooms: { game: gameRoomAccess(d.db, games) },
    start: scheduler.start,
    // The timers and sweeps stop; socket hooks in flight finish before the database closes.
    stop: async () => {
      scheduler.close();
      timers.close();
      await sockets.idle();
    },
  });
  /** Removals and overdue rounds now (tests, with a moved clock). */
  return { module, sweep: scheduler.sweep };
}
