// Topics (SPEC §6): rooms for entities other services own (`request:42`, `checkout:7`). A user
// subscribes with a token grant or a membership a service added; a client never names other rooms.
import * as z from 'zod';
import { command } from './define.js';

/** `<kind>:<id>`: a lowercase kind, a colon, and 1..64 letters, digits, `_` or `-`. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9_-]{1,64}$/;
export const TopicName = z
  .string()
  .max(97)
  .regex(TOPIC_PATTERN, 'Topic must look like kind:id, e.g. request:42')
  .meta({ examples: ['request:42'] });

export const topicCommands = {
  subscribe: command({
    description:
      'Receive a topic’s events. Allowed by a `topics` grant in your token (exact names or `kind:*`) ' +
      'or a membership a service added; otherwise FORBIDDEN. Answers the topic room’s current seq.',
    request: z.object({ topic: TopicName }),
    response: z.object({ topic: TopicName, seq: z.int().nonnegative() }),
    errors: ['FORBIDDEN'],
    joins: { room: 'topic', idField: 'topic' },
  }),
  unsubscribe: command({
    description: 'Stop receiving a topic’s events on this socket.',
    request: z.object({ topic: TopicName }),
    response: z.object({}),
    errors: [],
    leaves: { room: 'topic', idField: 'topic' },
  }),
} as const;
