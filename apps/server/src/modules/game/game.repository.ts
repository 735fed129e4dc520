// Prisma queries of auction games, answering the plain records of game.records.ts. Takes the database or a
// transaction client. Every change that can race is a conditional update answering whether it happened.
import type { DbOrTx } from '../../db/tx.js';
import { afterCursor, paged } from '../../lib/paged.js';
import { publicUserSelect } from '../auction/auction.mappers.js';
import type { GameStatus, ItemType, PlayerStatus, Stack } from './game.domain.js';
import {
  toGameRecord, toPlayerRecord, toPublicGameRecord, toRoundRecord, type GameRecord, type GameState, type PlayerRecord, type PublicGameRecord, type RoundRecord,
} from './game.records.js';

const withCreator = { creator: publicUserSelect } as const;
const currentRoundInclude = { orderBy: { round: 'desc' }, take: 1, include: { sale: true } } as const;
/** What a game's public view needs: its creator, its latest round and how many players are in. */
const publicGameInclude = {
  ...withCreator,
  rounds: currentRoundInclude,
  _count: { select: { players: { where: { status: { not: 'removed' } } } } },
} as const;

export function createGameRepository(db: DbOrTx) {
  async function findGame(id: string): Promise<GameRecord | null> {
    const row = await db.game.findUnique({ where: { id }, include: withCreator });
    return row ? toGameRecord(row) : null;
  }

  /** The game's item types: known to a caller that read the game already, else read here. */
  async function itemsOf(gameId: string): Promise<ItemType[]> {
    const game = await db.game.findUnique({ where: { id: gameId }, select: { items: true } });
    return game ? (JSON.parse(game.items) as ItemType[]) : [];
  }

  async function players(gameId: string, items?: ItemType[]): Promise<PlayerRecord[]> {
    const [itemTypes, rows] = await Promise.all([
      items ?? itemsOf(gameId),
      db.gamePlayer.findMany({ where: { gameId }, orderBy: { position: 'asc' }, include: { user: publicUserSelect, holdings: true } }),
    ]);
    return rows.map((p) => toPlayerRecord(p, itemTypes));
  }

  async function currentRound(gameId: string, round: number): Promise<RoundRecord | null> {
    if (round === 0) return null;
    const row = await db.gameRound.findUnique({ where: { gameId_round: { gameId, round } }, include: { sale: true } });
    return row ? toRoundRecord(row) : null;
  }

  return {
    findGame,
    players,
    currentRound,

    /** Everything a decision needs: the game, its players in queue order, its current round. */
    async state(gameId: string): Promise<GameState | null> {
      const game = await findGame(gameId);
      if (!game) return null;
      return { game, players: await players(gameId, game.items), round: await currentRound(gameId, game.round) };
    },

    async createGame(
      data: Pick<GameRecord, 'creatorId' | 'title' | 'maxPlayers' | 'maxRounds' | 'startMoney' | 'bidTimeMs' | 'sellTimeMs' | 'items' | 'startInventory'> & {
        createdAt: Date;
      },
    ): Promise<PublicGameRecord> {
      const row = await db.game.create({
        data: {
          ...data,
          startMoney: BigInt(data.startMoney),
          items: JSON.stringify(data.items),
          startInventory: JSON.stringify(data.startInventory),
        },
        include: publicGameInclude,
      });
      return toPublicGameRecord(row);
    },

    async findPublicGame(id: string): Promise<PublicGameRecord | null> {
      const row = await db.game.findUnique({ where: { id }, include: publicGameInclude });
      return row ? toPublicGameRecord(row) : null;
    },

    async listGames(status: GameStatus | undefined, cursor: string | undefined, limit: number) {
      const page = await paged(limit, (take) =>
        db.game.findMany({
          where: status ? { status } : { status: { not: 'deleted' } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take,
          ...afterCursor(cursor),
          include: publicGameInclude,
        }),
      );
      return { items: page.items.map(toPublicGameRecord), nextCursor: page.nextCursor };
    },

    async findPlayer(gameId: string, userId: string): Promise<PlayerRecord | null> {
      return (await players(gameId)).find((p) => p.userId === userId) ?? null;
    },

    /** The game's status only; null for an unknown game. */
    gameStatus: async (gameId: string): Promise<string | null> =>
      (await db.game.findUnique({ where: { id: gameId }, select: { status: true } }))?.status ?? null,

    /** The player's status only (cheap checks outside transactions). */
    playerStatus: async (gameId: string, userId: string): Promise<PlayerStatus | null> =>
      ((await db.gamePlayer.findUnique({ where: { gameId_userId: { gameId, userId } }, select: { status: true } }))?.status as PlayerStatus | undefined) ??
      null,

    async addPlayer(data: { gameId: string; userId: string; position: number; money: number; inventory: Stack[]; joinedAt: Date }) {
      await db.gamePlayer.create({
        data: {
          gameId: data.gameId,
          userId: data.userId,
          position: data.position,
          money: BigInt(data.money),
          joinedAt: data.joinedAt,
          holdings: { create: data.inventory.map((s) => ({ item: s.item, quantity: s.quantity })) },
        },
      });
    },

    async nextPosition(gameId: string): Promise<number> {
      // findFirst, not aggregate: `Db` leaves aggregate out (its types differ across the three providers' clients).
      const last = await db.gamePlayer.findFirst({ where: { gameId }, orderBy: { position: 'desc' }, select: { position: true } });
      return (last?.position ?? 0) + 1;
    },

    /** A player leaving the lobby is no player any more: their row and holdings go. */
    async deletePlayer(rowId: string): Promise<void> {
      await db.gameHolding.deleteMany({ where: { playerId: rowId } });
      await db.gamePlayer.delete({ where: { id: rowId } });
    },

    setPlayerStatus: async (gameId: string, userId: string, from: PlayerStatus, to: PlayerStatus) =>
      (await db.gamePlayer.updateMany({ where: { gameId, userId, status: from }, data: { status: to } })).count === 1,

    removePlayer: async (gameId: string, userId: string, at: Date) =>
      (await db.gamePlayer.updateMany({ where: { gameId, userId, status: 'playing' }, data: { status: 'removed', removedAt: at } })).count === 1,

    /** lobby → running, every player playing; a player disconnected now is timed from the start. */
    async start(gameId: string, at: Date): Promise<boolean> {
      const moved = await db.game.updateMany({ where: { id: gameId, status: 'lobby' }, data: { status: 'running', startedAt: at } });
      if (moved.count !== 1) return false;
      await db.gamePlayer.updateMany({ where: { gameId }, data: { status: 'playing' } });
      await db.gamePlayer.updateMany({ where: { gameId, disconnectedAt: { not: null } }, data: { disconnectedAt: at } });
      return true;
    },

    end: async (gameId: string, at: Date) =>
      (await db.game.updateMany({ where: { id: gameId, status: 'running' }, data: { status: 'ended', endedAt: at } })).count === 1,

    markDeleted: async (gameId: string) =>
      (await db.game.updateMany({ where: { id: gameId, status: { not: 'deleted' } }, data: { status: 'deleted' } })).count === 1,

    async openRound(data: { gameId: string; round: number; sellerId: string; sellEndsAt: Date; startedAt: Date }): Promise<void> {
      await db.gameRound.create({ data: { ...data, phase: 'selling', dueAt: data.sellEndsAt } });
      await db.game.update({ where: { id: data.gameId }, data: { round: data.round } });
    },

    /** selling → bidding with the sale; false when the round was not selling any more. */
    async createSale(data: { roundId: string; gameId: string; sellerId: string; items: Stack[]; weight: number; createdAt: Date; endsAt: Date }) {
      const moved = await db.gameRound.updateMany({ where: { id: data.roundId, phase: 'selling' }, data: { phase: 'bidding', dueAt: data.endsAt } });
      if (moved.count !== 1) return false;
      await db.gameSale.create({
        data: { roundId: data.roundId, gameId: data.gameId, sellerId: data.sellerId, items: JSON.stringify(data.items), weight: data.weight, createdAt: data.createdAt },
      });
      return true;
    },

    /** Records a bid as the new highest, unless the highest moved since it was read. */
    async recordBid(data: { roundId: string; gameId: string; playerId: string; amount: number; previous: number | null; at: Date; endsAt: Date }) {
      const moved = await db.gameRound.updateMany({
        where: { id: data.roundId, phase: 'bidding', highestAmount: data.previous === null ? null : BigInt(data.previous) },
        data: { highestBidderId: data.playerId, highestAmount: BigInt(data.amount), lastBidAt: data.at, dueAt: data.endsAt },
      });
      if (moved.count !== 1) return null;
      return db.gameBid.create({
        data: { roundId: data.roundId, gameId: data.gameId, playerId: data.playerId, amount: BigInt(data.amount), createdAt: data.at },
        select: { id: true },
      });
    },

    /** The exactly-once step: only one settler moves a round out of selling/bidding. */
    settleRound: async (roundId: string, outcome: { winnerId: string | null; amount: number | null; at: Date }) =>
      (
        await db.gameRound.updateMany({
          where: { id: roundId, phase: { in: ['selling', 'bidding'] } },
          data: { phase: 'settled', dueAt: null, settledAt: outcome.at, winnerId: outcome.winnerId, amount: outcome.amount === null ? null : BigInt(outcome.amount) },
        })
      ).count === 1,

    /** Adds `delta` to a player's money; a decrease happens only when the money covers it. */
    moveMoney: async (rowId: string, delta: number) =>
      (
        await db.gamePlayer.updateMany({
          where: delta < 0 ? { id: rowId, money: { gte: BigInt(-delta) } } : { id: rowId },
          data: { money: { increment: BigInt(delta) } },
        })
      ).count === 1,

    /** Adds `delta` of an item to a player's holding; a decrease happens only when the holding covers it. */
    moveItem: async (rowId: string, item: string, delta: number) =>
      (
        await db.gameHolding.updateMany({
          where: delta < 0 ? { playerId: rowId, item, quantity: { gte: -delta } } : { playerId: rowId, item },
          data: { quantity: { increment: delta } },
        })
      ).count === 1,

    markDisconnected: async (gameId: string, userId: string, at: Date) =>
      (
        await db.gamePlayer.updateMany({
          where: { gameId, userId, disconnectedAt: null, status: { not: 'removed' } },
          data: { disconnectedAt: at },
        })
      ).count === 1,

    markConnected: async (gameId: string, userId: string) =>
      (await db.gamePlayer.updateMany({ where: { gameId, userId, disconnectedAt: { not: null } }, data: { disconnectedAt: null } })).count === 1,

    /** Games whose current round is due to settle. */
    dueRounds: async (now: Date) =>
      (await db.gameRound.findMany({ where: { phase: { in: ['selling', 'bidding'] }, dueAt: { lte: now } }, select: { gameId: true } })).map((r) => r.gameId),

    /** Every round waiting for its deadline (timers are armed for them at start). */
    pendingRounds: () => db.gameRound.findMany({ where: { phase: { in: ['selling', 'bidding'] } }, select: { gameId: true, dueAt: true } }),

    /** Players of running games disconnected since `before` or earlier, the longest gone first (then in queue order). */
    dueRemovals: (before: Date) =>
      db.gamePlayer.findMany({
        where: { status: 'playing', disconnectedAt: { lte: before }, game: { status: 'running' } },
        orderBy: [{ disconnectedAt: 'asc' }, { position: 'asc' }],
        select: { gameId: true, userId: true },
      }),

    /** Players of running games that are disconnected (their removal timers are armed at start). */
    disconnectedPlayers: () =>
      db.gamePlayer.findMany({
        where: { status: 'playing', disconnectedAt: { not: null }, game: { status: 'running' } },
        select: { gameId: true, userId: true, disconnectedAt: true },
      }),

    /** Players of lobby and running games the database believes connected (reconciled with the registry). */
    believedConnected: () =>
      db.gamePlayer.findMany({
        where: { status: { not: 'removed' }, disconnectedAt: null, game: { status: { in: ['lobby', 'running'] } } },
        select: { gameId: true, userId: true, game: { select: { status: true } } },
      }),
  };
}
export type GameRepository = ReturnType<typeof createGameRepository>;
