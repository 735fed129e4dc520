// Pure rules of the publish API: the payload checked against the event's contract schema, and the
// delivery plan — durable rooms (users, topics), live-only rooms (roles, everyone), who is notified.
import { domainEventPayloads, type DomainEventName } from '@bidwire/contract';
import { DomainError } from '../../core/errors.js';
import { parseInput } from '../../lib/parse-input.js';
import type { DomainMessage } from '../../core/events.js';

/** The event with its payload as the event's schema parses it; VALIDATION_FAILED with `payload.*` issue paths otherwise. */
export function parseDomainMessage(event: DomainEventName, payload: unknown): DomainMessage {
  const parsed = parseInput(domainEventPayloads[event], payload);
  // Parsed by this event's own schema just above: the pair is a valid message of that event.
  if (parsed.success) return { event, payload: parsed.data } as DomainMessage;
  const issues = parsed.issues.map((i) => ({ ...i, path: i.path === '(root)' ? 'payload' : `payload.${i.path}` }));
  throw new DomainError('VALIDATION_FAILED', `The payload does not match the ${event} event.`, { issues });
}

export interface DeliveryPlan {
  /** Users whose user room gets the event durably (with seq), sorted. */
  users: string[];
  /** Topics whose room gets the event durably (with seq and `topic`), sorted. */
  topics: string[];
  /** Role rooms that get it live only. */
  roles: string[];
  all: boolean;
  /** Users who get a notification: targeted by id, or known members of a targeted topic; sorted. */
  notified: string[];
}

export function planDelivery(
  to: { roles?: readonly string[] | undefined; topics?: readonly string[] | undefined; all?: boolean | undefined },
  userIds: readonly string[],
  topicMembers: readonly string[],
  notify: boolean,
): DeliveryPlan {
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();
  return {
    users: sorted(userIds),
    topics: sorted(to.topics ?? []),
    roles: sorted(to.roles ?? []),
    all: to.all === true,
    notified: notify ? sorted([...userIds, ...topicMembers]) : [],
  };
}
