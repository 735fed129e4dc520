// Presence (SPEC §5): who is online, pushed to conversation partners only, and asked for on demand.
import * as z from 'zod';
import { command, event } from './define.js';
import { Id, Timestamp } from './shared.js';

export const PresenceStatus = z.enum(['online', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const Presence = z.object({
  userId: Id,
  status: PresenceStatus,
  /** When the user was last connected; null while online or when never seen. */
  lastSeenAt: Timestamp.nullable(),
});
export type Presence = z.infer<typeof Presence>;

export const presenceCommands = {
  getPresence: command({
    description:
      'Presence of up to 100 users: yourself and the people you share a conversation with (others are left out).',
    request: z.object({ userIds: z.array(Id).min(1).max(100) }),
    response: z.object({ presence: z.array(Presence) }),
    errors: [],
  }),
} as const;

export const presenceEvents = {
  presenceChanged: event({
    scope: 'ephemeral',
    description:
      'A user came online, or went offline after a grace period (a reload does not flicker). ' +
      'Sent to the user rooms of the people who share a conversation with them; no seq.',
    audience: 'The user rooms (every socket) of the people who share a conversation with that user; no seq.',
    payload: Presence,
  }),
} as const;
