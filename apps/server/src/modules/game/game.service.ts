// Orchestration of auction games: every change is one transaction that takes the game room's lock, reads
// the state under it, checks the pure rules, writes, and records the room events it sends once committed.
// Timers are only armed after a commit; the database decides whether a wake-up has anything to do.
import type { CommandPayload, CommandResult, CreateGameInput, Game } from '@bidwire/contract';
import type * as z from 'zod';
import { forbidden, invalidState, notFound } from '../../core/errors.js';
import type { EventEmitterPort } from '../../core/events.js';
import type { DomainObserver } from '../../core/ports/observer.js';
import { gameRoom } from '../../core/rooms.js';
import { toPublicUser } from '../../core/user.js';
import type { Db } from '../../db/client.js';
import type { Idempotency } from '../idempotency/idempotency.js';
import { createCommit } from '../rooms/commit.js';
import { createUserRepository } from '../users/users.repository.js';
import type { GameConnections } from '../../core/ports/game-connections.js';
import { LostRace, lockedState, openRound, record, removeFromGame, settleAndAdvance, type Step } from './game-rounds.js';
import { readGameSnapshot } from './game-snapshot.js';
import type { GameTimers } from './game-timers.js';
import * as rules from './game.domain.js';
import { activeCount, toGame } from './game.mappers.js';
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

/** The caller of a command as the service needs it: who, their socket, and whether it is in a room. */
export interface GameCaller {
  userId: string;
  socketId: string;
  isInRoom(room: string): boolean;
}

/** Thrown inside a transaction to roll it back when a wake-up finds nothing due (yet). */
class NotDue extends Error {
  override name = 'NotDue';
  constructor(readonly at: Date | null) {
    super(at ? `not due before ${at.toISOString()}` : 'nothing due');
  }
}

const Empty = {} as Record<string, never>;

export function createGameService(d: GameServiceDeps) {
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

  // ---- connections ------------------------------------------------------------------------------

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
    snapshot: (gameId: string, userId: string) => readGameSnapshot(d.db, d.connections, gameId, userId),

    // ---- REST -----------------------------------------------------------------------------------

    async createGame(input: z.output<typeof CreateGameInput>, userId: string): Promise<Game> {
      const created = await repo.createGame({
        creatorId: userId,
        title: input.title,
        maxPlayers: input.maxPlayers,
        maxRounds: input.maxRounds,
        startMoney: input.startMoney,
        bidTimeMs: input.bidTimeMs,
        sellTimeMs: input.sellTimeMs,
        items: input.items,
        startInventory: input.startInventory,
        createdAt: now(),
      });
      return publicGame(created);
    },

    async listGames(query: { status?: 'lobby' | 'running' | 'ended' | undefined; cursor?: string | undefined; limit: number }) {
      const page = await repo.listGames(query.status, query.cursor, query.limit);
      return { items: page.items.map(publicGame), nextCursor: page.nextCursor };
    },

    async getGame(gameId: string): Promise<Game> {
      const found = await repo.findPublicGame(gameId);
      if (!found || found.game.status === 'deleted') throw notFound('Game');
      return publicGame(found);
    },

    async deleteGame(gameId: string, userId: string): Promise<null> {
      await onGame(gameId, async (s, { game }) => {
        if (game.creatorId !== userId) throw forbidden(rules.MESSAGES.onlyCreatorDelete);
        if (!(await createGameRepository(s.tx).markDeleted(game.id))) throw notFound('Game');
        await record(s, gameRoom(game.id), 'gameDeleted', { gameId: game.id });
      });
      return null;
    },

    // ---- commands -------------------------------------------------------------------------------

    async joinGame(gameId: string, caller: GameCaller, join: () => void): Promise<CommandResult<'joinGame'>> {
      const game = await loadGame(gameId);
      if ((await repo.playerStatus(gameId, caller.userId)) === null) {
        // Not a player yet: only a lobby that is not full takes newcomers (checked again under the lock).
        if (game.status !== 'lobby') throw rules.joinRejection(game.status, 0, game.maxPlayers)!;
        await onGame(gameId, async (s, state) => {
          if (state.players.some((p) => p.userId === caller.userId)) return; // joined meanwhile (another tab)
          const refusal = rules.joinRejection(state.game.status, activeCount(state.players), state.game.maxPlayers);
          if (refusal) throw refusal;
          const r = createGameRepository(s.tx);
          const user = await createUserRepository(s.tx).publicUser(caller.userId);
          if (!user) throw notFound('User');
          await r.addPlayer({
            gameId,
            userId: caller.userId,
            position: await r.nextPosition(gameId),
            money: state.game.startMoney,
            inventory: rules.startInventoryOf(state.game.items, state.game.startInventory),
            joinedAt: s.now,
          });
          await record(s, gameRoom(gameId), 'playerJoined', { gameId, player: toPublicUser(user) });
        });
      }
      const room = gameRoom(gameId);
      const rejoin = caller.isInRoom(room);
      // In the room before the snapshot is read: nothing committed after the read can be missed.
      join();
      if (!rejoin) await socketJoined(gameId, caller.userId, caller.socketId);
      return readGameSnapshot(d.db, d.connections, gameId, caller.userId);
    },

    async leaveGame(gameId: string, caller: GameCaller, leave: () => void): Promise<Record<string, never>> {
      const game = await loadGame(gameId);
      if ((await repo.playerStatus(gameId, caller.userId)) === null) throw forbidden(rules.MESSAGES.notPlayer);
      if (game.status === 'lobby' || game.status === 'running') {
        const dueAt = await onGame(gameId, async (s, state) => {
          const me = state.players.find((p) => p.userId === caller.userId);
          if (!me) return undefined;
          if (state.game.status === 'lobby') {
            await createGameRepository(s.tx).deletePlayer(me.rowId);
            await record(s, gameRoom(gameId), 'playerLeft', { gameId, playerId: caller.userId, reason: 'left' });
            return undefined;
          }
          return (await removeFromGame(s, state, caller.userId)).dueAt;
        });
        followRound(gameId, dueAt);
      }
      if (caller.isInRoom(gameRoom(gameId))) {
        leave();
        await socketLeft(gameId, caller.userId, caller.socketId);
      }
      return Empty;
    },

    async setReady(gameId: string, ready: boolean, userId: string): Promise<Record<string, never>> {
      await onGame(gameId, async (s, state) => {
        const me = state.players.find((p) => p.userId === userId) ?? null;
        rules.assertActivePlayer(me);
        if (state.game.status !== 'lobby') throw invalidState(state.game.status === 'ended' ? rules.MESSAGES.ended : rules.MESSAGES.started);
        const to = ready ? 'ready' : 'waiting';
        if (me.status === to) return;
        if (!(await createGameRepository(s.tx).setPlayerStatus(gameId, userId, me.status, to))) throw new LostRace();
        await record(s, gameRoom(gameId), 'playerStatusChanged', { gameId, playerId: userId, status: to });
      });
      return Empty;
    },

    async startGame(gameId: string, userId: string): Promise<CommandResult<'startGame'>> {
      const started = await onGame(gameId, async (s, state) => {
        const refusal = rules.startRejection(
          state.game,
          userId,
          state.players.map((p) => ({ name: p.user.name, status: p.status })),
        );
        if (refusal) throw refusal;
        if (!(await createGameRepository(s.tx).start(gameId, s.now))) throw new LostRace();
        const running: GameState = {
          ...state,
          game: { ...state.game, status: 'running', startedAt: s.now },
          players: state.players.map((p) => ({ ...p, status: 'playing' as const, disconnectedAt: p.disconnectedAt ? s.now : null })),
        };
        await record(s, gameRoom(gameId), 'gameStarted', { gameId, game: toGame(running.game, null, running.players.length) });
        const dueAt = await openRound(s, running, 1, null);
        return { dueAt, disconnected: running.players.filter((p) => p.disconnectedAt).map((p) => p.userId), at: s.now };
      });
      followRound(gameId, started.dueAt);
      for (const id of started.disconnected) d.timers.removal(gameId, id, removalAt(started.at));
      const game = await repo.findPublicGame(gameId);
      if (!game) throw notFound('Game');
      return { game: publicGame(game) };
    },

    async sell(input: CommandPayload<'sell'>, userId: string): Promise<CommandResult<'sell'>> {
      const result = await onGame(input.gameId, async (s, state) => {
        const me = state.players.find((p) => p.userId === userId) ?? null;
        rules.assertActivePlayer(me);
        const round = assertRunning(state);
        if (round.sellerId !== userId) throw forbidden(rules.MESSAGES.notSeller);
        if (round.phase !== 'selling') throw invalidState(rules.MESSAGES.notSelling);
        if (s.now.getTime() >= round.sellEndsAt.getTime()) throw invalidState(rules.MESSAGES.sellingOver);
        const refusal = rules.saleRejection(state.game.items, me.inventory, input.items);
        if (refusal) throw refusal;
        const items = rules.bundleOf(input.items);
        const weight = rules.weightOf(state.game.items, items);
        const endsAt = rules.biddingEndsAt(s.now, null, state.game.bidTimeMs);
        const created = await createGameRepository(s.tx).createSale({
          roundId: round.id, gameId: input.gameId, sellerId: userId, items, weight, createdAt: s.now, endsAt,
        });
        if (!created) throw new LostRace();
        await record(s, gameRoom(input.gameId), 'saleCreated', {
          gameId: input.gameId, round: round.round, sellerId: userId, weight, endsAt: endsAt.toISOString(),
        });
        return {
          sale: { gameId: input.gameId, round: round.round, sellerId: userId, items, weight, endsAt: endsAt.toISOString(), createdAt: s.now.toISOString() },
        };
      });
      followRound(input.gameId, new Date(result.sale.endsAt));
      return result;
    },

    async gameBid(input: CommandPayload<'gameBid'>, userId: string): Promise<CommandResult<'gameBid'>> {
      const key = { userId, command: 'gameBid', requestId: input.requestId };
      const result = await d.idempotency.run(key, (save) =>
        onGame(input.gameId, async (s, state) => {
          const me = state.players.find((p) => p.userId === userId) ?? null;
          rules.assertActivePlayer(me);
          const round = assertRunning(state);
          if (round.sellerId === userId) throw forbidden(rules.MESSAGES.sellerCannotBid);
          if (round.phase !== 'bidding' || !round.sale || !round.dueAt) throw invalidState(rules.MESSAGES.notBidding);
          const refusal = rules.bidRejection({ amount: input.amount, money: me.money, highest: round.highestAmount, endsAt: round.dueAt, now: s.now });
          if (refusal) throw refusal;
          const endsAt = rules.biddingEndsAt(round.sale.createdAt, s.now, state.game.bidTimeMs);
          const bid = await createGameRepository(s.tx).recordBid({
            roundId: round.id, gameId: input.gameId, playerId: userId, amount: input.amount, previous: round.highestAmount, at: s.now, endsAt,
          });
          if (!bid) throw new LostRace();
          await record(s, gameRoom(input.gameId), 'gameBidPlaced', {
            gameId: input.gameId, round: round.round, playerId: userId, amount: input.amount, endsAt: endsAt.toISOString(),
          });
          const answer = {
            bid: {
              id: bid.id, gameId: input.gameId, round: round.round, playerId: userId, amount: input.amount,
              endsAt: endsAt.toISOString(), createdAt: s.now.toISOString(),
            },
          };
          await save(s.tx, answer);
          return answer;
        }),
      );
      followRound(input.gameId, new Date(result.bid.endsAt));
      return result;
    },

    // ---- timers and sweeps ----------------------------------------------------------------------

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

    dueRounds: () => repo.dueRounds(now()),
    dueRemovals: () => repo.dueRemovals(new Date(now().getTime() - d.removeAfterMs)),
    /** Arms a timer for every round and removal still ahead (at start). */
    async armTimers(): Promise<void> {
      for (const r of await repo.pendingRounds()) followRound(r.gameId, r.dueAt);
      for (const p of await repo.disconnectedPlayers()) if (p.disconnectedAt) d.timers.removal(p.gameId, p.userId, removalAt(p.disconnectedAt));
    },
  };
}
export type GameService = ReturnType<typeof createGameService>;
