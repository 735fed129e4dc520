// Typing indicators (ephemeral, no seq): typingChanged goes to the conversation room except the
// typist's own sockets, on start and on stop — refreshes inside the timeout send nothing.
import type { PublicUser } from '@bidwire/contract';
import type { EventEmitterPort } from '../../core/events.js';
import { conversationRoom, userRoom } from '../../core/rooms.js';
import type { TypingTimers } from './typing-timers.js';

export const DEFAULT_TYPING_TIMEOUT_MS = 6_000;

export function createTypingService(d: { emitter: EventEmitterPort; timers: TypingTimers; timeoutMs: number }) {
  const key = (conversationId: string, userId: string) => `${conversationId}\u0000${userId}`;
  const announce = (conversationId: string, user: PublicUser, isTyping: boolean) =>
    d.emitter.toRooms([conversationRoom(conversationId)], { event: 'typingChanged', payload: { conversationId, user, isTyping } }, [userRoom(user.id)]);

  return {
    /** The caller (already checked to be a participant) says they are or are not typing. */
    set(conversationId: string, user: PublicUser, isTyping: boolean): void {
      const k = key(conversationId, user.id);
      if (isTyping) {
        const started = d.timers.start(k, d.timeoutMs, () => announce(conversationId, user, false));
        if (started) announce(conversationId, user, true);
      } else if (d.timers.stop(k)) {
        announce(conversationId, user, false);
      }
    },
    /** Sending a message or leaving the conversation ends typing. */
    stop(conversationId: string, user: PublicUser): void {
      if (d.timers.stop(key(conversationId, user.id))) announce(conversationId, user, false);
    },
  };
}
export type TypingService = ReturnType<typeof createTypingService>;
