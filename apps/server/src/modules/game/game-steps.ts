// What every change of an auction game shares: one transaction that takes the game room's lock, reads the
// state under it, checks the pure rules, writes, and records the room events it sends once committed; the
// rounds it settled reach the observer after the commit. Timers are only armed after a commit.
import type { Game } from '@bidwire/contract';
import { invalidState, notFound } from '../../core/errors.js';
import type { EventEmitterPort } from '../../core/events.js';
import type { GameConnections } from '../../core/ports/game-connections.js';
import type { DomainObserver } from '../../core/ports/observer.js';
import type { Db } from '../../db/client.js';
import type { Idempotency } from '../idempotency/idempotency.js';
import { createCommit } from '../rooms/commit.js';
import { lockedState, type Step } from './game-rounds.js';
import type { GameTimers } from './game-timers.js';
import * as rules from './game.domain.js';
import { toGame } from './game.mappers.js';
import type { GameState, PublicGameRecord } from './game.records.js';
import { createGameRepository } from './game.repository.js';

export interface GameServiceDeps {
  db: Db;
  emitter: EventEmitterPort;
  idempotency: Idempotency;
  connections: GameConnections;
  timers: GameTimers;
  /** GAME_REMOVE_AFTER_MS. */
  removeAfterMs: number;
  /** The game clock (tests may move it forward; every deadline and check uses it). */
  now?: () => Date;
  /** Told of every settled round once it committed (metrics). */
  observer: Pick<DomainObserver, 'roundSettled'>;
}

export function createGameSteps(d: GameServiceDeps) {
  const repo = createGameRepository(d.db);
  const now = d.now ?? (() => new Date());
  const commit = createCommit(d.db, d.emitter);
  /** One transaction of game steps; the rounds it settled are reported once it has committed. */
  async function stepCommit<T>(work: (s: Step) => Promise<T>): Promise<T> {
    const settled: Step['settled'] = [];
    const result = await commit((tx, out) => work({ tx, out, now: now(), settled }));
    for (const outcome of settled) d.observer.roundSettled(outcome);
    return result;
  }

  /** One transaction on a game that exists (not deleted), under its room's lock. */
  function onGame<T>(gameId: string, work: (s: Step, state: GameState) => Promise<T>): Promise<T> {
    return stepCommit(async (s) => {
      const state = await lockedState(s, gameId);
      if (!state || state.game.status === 'deleted') throw notFound('Game');
      return work(s, state);
    });
  }

  const publicGame = (r: PublicGameRecord): Game => toGame(r.game, r.round, r.playerCount);

  async function loadGame(gameId: string) {
    const game = await repo.findGame(gameId);
    if (!game || game.status === 'deleted') throw notFound('Game');
    return game;
  }

  /** A running game, or why not (for commands of the rounds). */
  function assertRunning(state: GameState) {
    if (state.game.status === 'running' && state.round && state.round.phase !== 'settled') return state.round;
    if (state.game.status === 'ended') throw invalidState(rules.MESSAGES.ended);
    throw invalidState(rules.MESSAGES.notRunning);
  }

  const followRound = (gameId: string, at: Date | null | undefined) => {
    if (at) d.timers.round(gameId, at);
  };
  const removalAt = (from: Date) => new Date(from.getTime() + d.removeAfterMs);

  return { d, repo, now, stepCommit, onGame, publicGame, loadGame, assertRunning, followRound, removalAt };
}
export type GameSteps = ReturnType<typeof createGameSteps>;
