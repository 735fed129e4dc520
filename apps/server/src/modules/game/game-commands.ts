// The game's commands (SPEC §8): join, leave, ready, start, sell and bid, each one checked transaction.
import type { CommandPayload, CommandResult } from '@bidwire/contract';
import { forbidden, invalidState, notFound } from '../../core/errors.js';
import { gameRoom } from '../../core/rooms.js';
import { toPublicUser } from '../../core/user.js';
import { createUserRepository } from '../users/users.repository.js';
import type { GamePresence } from './game-presence.js';
import { LostRace, openRound, record, removeFromGame } from './game-rounds.js';
import { readGameSnapshot } from './game-snapshot.js';
import type { GameSteps } from './game-steps.js';
import * as rules from './game.domain.js';
import { activeCount, toGame } from './game.mappers.js';
import type { GameState } from './game.records.js';
import { createGameRepository } from './game.repository.js';

/** The caller of a command as the service needs it: who, their socket, and whether it is in a room. */
export interface GameCaller {
  userId: string;
  socketId: string;
  isInRoom(room: string): boolean;
}

const Empty = {} as Record<string, never>;

export function createGameCommands(g: GameSteps, presence: Pick<GamePresence, 'socketJoined' | 'socketLeft'>) {
  const { d, repo, onGame, loadGame, assertRunning, followRound, removalAt, publicGame } = g;
  const { socketJoined, socketLeft } = presence;
  return {
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
  };
}
