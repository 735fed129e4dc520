// The one check every chat command and route makes first: the conversation exists and the caller is
// one of its current participants (NOT_FOUND, then FORBIDDEN).
import { notFound } from '../../core/errors.js';
import { assertParticipant } from './chat.domain.js';
import type { ChatRepository } from './chat.repository.js';

export async function requireParticipant(repo: ChatRepository, conversationId: string, userId: string) {
  const conversation = await repo.findConversation(conversationId);
  if (!conversation) throw notFound('Conversation');
  const participant = await repo.participant(conversationId, userId);
  assertParticipant(!!participant && participant.removedAt === null);
  return { conversation, participant: participant! };
}
