// Comments in a live auction's room (SPEC §3): members only, honouring `requestId`.
import type { CommandPayload, Comment } from '@bidwire/contract';
import { DomainError } from '../../core/errors.js';
import { auctionRoom } from '../../core/rooms.js';
import type { Idempotency } from '../idempotency/idempotency.js';
import type { Commit } from '../rooms/commit.js';
import { claimSeq, recordEvent } from '../rooms/room-log.js';
import type { AuctionLoader, Caller } from './auction-access.js';
import * as rules from './auction.domain.js';
import { toComment } from './auction.mappers.js';
import { createAuctionRepository } from './auction.repository.js';

export function createCommentsService(d: { auctions: AuctionLoader; commit: Commit; idempotency: Idempotency }) {
  return {
    async postComment(input: CommandPayload<'postComment'>, caller: Caller): Promise<{ comment: Comment }> {
      const auction = await d.auctions.load(input.auctionId);
      if (!caller.isInRoom(auctionRoom(auction.id))) throw new DomainError('FORBIDDEN', rules.MESSAGES.joinFirst);
      rules.assertLive(auction);
      const key = { userId: caller.userId, command: 'postComment', requestId: input.requestId };
      return d.idempotency.run(key, (save) =>
        d.commit(async (tx, out) => {
          const room = auctionRoom(auction.id);
          const seq = await claimSeq(tx, room);
          const comment = toComment(
            await createAuctionRepository(tx).createComment({ auctionId: auction.id, userId: caller.userId, text: input.text }),
          );
          out.push(await recordEvent(tx, room, seq, 'commentPosted', { auctionId: auction.id, comment }));
          const result = { comment };
          await save(tx, result);
          return result;
        }),
      );
    },
  };
}
export type CommentsService = ReturnType<typeof createCommentsService>;
