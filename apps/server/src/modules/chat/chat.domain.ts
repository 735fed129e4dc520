// Pure rules of chat: who may do what to a conversation or a message, and how previews look. No I/O.
import { DomainError, forbidden, invalidState } from '../../core/errors.js';

export const MAX_PARTICIPANTS = 100;
export const PREVIEW_LENGTH = 60;
export const RECENT_MESSAGES = 50;

export const MESSAGES = {
  notParticipant: 'You are not a participant in this conversation.',
  needSomeoneElse: 'Add at least one other participant.',
  tooMany: `A conversation has at most ${MAX_PARTICIPANTS} participants.`,
  directIsAPair: "You can't add people to a one-to-one conversation; start a group instead.",
  onlyCreatorRemoves: 'Only the conversation creator can remove other participants.',
  notAParticipant: 'This user is not a participant in the conversation.',
  onlySender: 'Only the sender can change this message.',
  deleted: 'This message was deleted.',
  wrongConversation: 'That message is not in this conversation.',
} as const;

export type ConversationKind = 'direct' | 'group';

/** The caller plus the people they named, each once, caller first. */
export function participantSet(callerId: string, others: readonly string[]): string[] {
  const ids = [callerId, ...others.filter((id) => id !== callerId)];
  const unique = [...new Set(ids)];
  if (unique.length < 2) throw new DomainError('VALIDATION_FAILED', MESSAGES.needSomeoneElse, { issues: [{ path: 'participantIds', message: MESSAGES.needSomeoneElse, code: 'custom' }] });
  if (unique.length > MAX_PARTICIPANTS) throw invalidState(MESSAGES.tooMany);
  return unique;
}

/** A pair without a title is the pair's direct conversation; anything else is a group. */
export const kindFor = (participants: readonly string[], title: string | undefined): ConversationKind =>
  participants.length === 2 && !title ? 'direct' : 'group';

/** The one key of a pair's direct conversation, whoever starts it. */
export const directKey = (a: string, b: string) => [a, b].sort().join(':');

export function assertParticipant(isActiveParticipant: boolean): void {
  if (!isActiveParticipant) throw forbidden(MESSAGES.notParticipant);
}

export function assertMayAdd(kind: string, activeCount: number, newcomers: number): void {
  if (kind === 'direct') throw invalidState(MESSAGES.directIsAPair);
  if (activeCount + newcomers > MAX_PARTICIPANTS) throw invalidState(MESSAGES.tooMany);
}

/** Anyone may remove themselves; the creator may remove anyone. */
export function assertMayRemove(creatorId: string, actorId: string, targetId: string): void {
  if (actorId !== targetId && actorId !== creatorId) throw forbidden(MESSAGES.onlyCreatorRemoves);
}

export function assertMayChangeMessage(message: { senderId: string; deletedAt: Date | null }, userId: string): void {
  if (message.senderId !== userId) throw forbidden(MESSAGES.onlySender);
  if (message.deletedAt) throw invalidState(MESSAGES.deleted);
}

/**
 * One line of at most 60 characters (UTF-16 units, as the contract counts them) for a notification:
 * whitespace collapsed, cut with an ellipsis, never in the middle of a surrogate pair.
 */
export function previewOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= PREVIEW_LENGTH) return line;
  let out = '';
  for (const ch of line) {
    if (out.length + ch.length > PREVIEW_LENGTH - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** One active participation: a user in a conversation. */
export interface Participation {
  conversationId: string;
  userId: string;
}

/**
 * Each user's partners (people sharing at least one conversation with them, themselves excluded), from the
 * users' own participations and those conversations' members (repeats allowed in both).
 */
export function partnersFrom(userIds: readonly string[], theirs: readonly Participation[], members: readonly Participation[]): Map<string, string[]> {
  const byConversation = new Map<string, Set<string>>();
  for (const m of members) (byConversation.get(m.conversationId) ?? byConversation.set(m.conversationId, new Set()).get(m.conversationId)!).add(m.userId);
  const out = new Map<string, Set<string>>(userIds.map((id) => [id, new Set<string>()]));
  for (const p of theirs) {
    const partners = out.get(p.userId);
    if (!partners) continue;
    for (const member of byConversation.get(p.conversationId) ?? []) if (member !== p.userId) partners.add(member);
  }
  return new Map([...out].map(([id, partners]) => [id, [...partners]]));
}
