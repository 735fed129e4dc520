// The publish API (SPEC §6), for other services over HTTP and for server code in process, typed from
// the contract: validate, deliver durably to user and topic rooms (seq recorded in one transaction,
// with the notifications), then live-only to roles and everyone (minus sockets that got a copy).
import {
  PublishRequest,
  type DomainEventInput,
  type DomainEventName,
  type PublishResult as PublishResultSchema,
  type PublishTargets,
} from '@bidwire/contract';
import type * as z from 'zod';
import { DomainError } from '../../core/errors.js';
import type { EventEmitterPort, Outgoing } from '../../core/events.js';
import { roleRoom, topicRoom, userRoom } from '../../core/rooms.js';
import type { Db } from '../../db/client.js';
import { parseInput } from '../../lib/parse-input.js';
import { createNotificationIn } from '../notifications/notifications.service.js';
import type { Commit } from '../rooms/commit.js';
import { claimSeq, recordDomainEvent } from '../rooms/room-log.js';
import { createTopicRepository } from '../topics/topics.repository.js';
import { createUserRepository } from '../users/users.repository.js';
import { parseDomainMessage, planDelivery } from './publish.domain.js';

export interface PublishInput<K extends DomainEventName = DomainEventName> {
  event: K;
  payload: DomainEventInput<K>;
  to: z.input<typeof PublishTargets>;
  notify?: { title: string; body: string };
}
export type PublishResult = z.output<typeof PublishResultSchema>;
/** In process: typed by the event, so a payload that does not fit its event does not compile. */
export type Publish = <K extends DomainEventName>(input: PublishInput<K>) => Promise<PublishResult>;

export function createPublisher(d: { db: Db; commit: Commit; emitter: EventEmitterPort }) {
  /** Any request, typed or not (the HTTP body's payload is unknown until its event's schema parses it). */
  async function deliver(input: unknown): Promise<PublishResult> {
    const request = parseInput(PublishRequest, input);
    if (!request.success) throw new DomainError('VALIDATION_FAILED', 'Invalid publish request.', { issues: request.issues });
    const { event, to, notify } = request.data;
    const message = parseDomainMessage(event, request.data.payload);
    const { ids, unknown } = await createUserRepository(d.db).resolveRefs(to.users ?? []);
    const members = notify && to.topics ? await createTopicRepository(d.db).membersOf(to.topics) : [];
    const plan = planDelivery(to, ids, members, !!notify);

    const notificationsCreated = await d.commit(async (tx, out: Outgoing[]) => {
      // Every user room first, sorted, then topic rooms: one lock order for every writer.
      const targeted = new Set(plan.users);
      const notified = new Set(plan.notified);
      let created = 0;
      for (const userId of [...new Set([...plan.users, ...plan.notified])].sort()) {
        const room = userRoom(userId);
        if (targeted.has(userId)) out.push(await recordDomainEvent(tx, room, await claimSeq(tx, room), message));
        if (notify && notified.has(userId)) {
          await createNotificationIn(tx, out, userId, { type: event, title: notify.title, body: notify.body, data: message.payload });
          created++;
        }
      }
      for (const topic of plan.topics) {
        const room = topicRoom(topic);
        out.push(await recordDomainEvent(tx, room, await claimSeq(tx, room), message, { topic }));
      }
      return created;
    });

    // Live only: sockets that already got a durable copy are left out.
    const durable = [...plan.users.map(userRoom), ...plan.topics.map(topicRoom)];
    if (plan.all) d.emitter.toAll(message, durable);
    else d.emitter.toRooms(plan.roles.map(roleRoom), message, durable);

    return {
      event,
      delivered: { users: plan.users, roles: request.data.to.roles ?? [], topics: plan.topics, all: plan.all },
      unknownUsers: unknown,
      notificationsCreated,
    };
  }

  const publish: Publish = (input) => deliver(input);
  return { publish, deliver };
}
