// A game room's snapshot (ack of joinGame and of a resync): the persisted state and the `seq` it reflects,
// read in one consistent transaction; who is connected comes from the connection registry.
import type { GameSnapshot } from '@bidwire/contract';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { notFound } from '../../core/errors.js';
import { currentSeq } from '../rooms/room-log.js';
import { gameRoom } from '../../core/rooms.js';
import type { GameConnections } from '../../core/ports/game-connections.js';
import { activeCount, toGame, toGamePlayer, toHoldings } from './game.mappers.js';
import { createGameRepository } from './game.repository.js';

export async function readGameSnapshot(db: Db, connections: GameConnections, gameId: string, userId: string): Promise<GameSnapshot> {
  const read = await inTransaction(
    db,
    async (tx) => ({ seq: await currentSeq(tx, gameRoom(gameId)), state: await createGameRepository(tx).state(gameId) }),
    { consistentRead: true },
  );
  if (!read.state || read.state.game.status === 'deleted') throw notFound('Game');
  const { game, players, round } = read.state;
  const connected = await connections.connected(gameId);
  const me = players.find((p) => p.userId === userId);
  return {
    game: toGame(game, round, activeCount(players)),
    players: players.map((p) => toGamePlayer(p, connected.has(p.userId))),
    you: me ? toHoldings(me) : null,
    seq: read.seq,
    serverTime: Date.now(),
  };
}
