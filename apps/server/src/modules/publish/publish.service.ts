// The publish API (SPEC §6), for other services over HTTP and for server code in process, typed from
// the contract: validate, deliver durably to user and topic rooms (seq recorded in one transaction,
// with the notifications), then live-only to roles and everyone (minus sockets that got a copy).
import {
  PublishRequest,
  type DomainEventInput,
  type DomainEventName,
  type EventName,
  type PublishResult as PublishResultSchema,
  type PublishTargets,
  type RoomEventName,
} from '@bidwire/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../errors.js';
import type { Commit } from '../../lib/commit.js';
import { issuesOf } from '../../lib/zod-issues.js';
import type { EventEmitterPort } from '../../realtime/emitter.js';
import { createNotificationIn } from '../notifications/notifications.service.js';
import { claimSeq, recordEvent, type Outgoing } from '../rooms/room-log.js';
import { roleRoom, topicRoom, userRoom } from '../rooms/room-names.js';
import { createTopicRepository } from '../topics/topics.repository.js';
import { parseDomainPayload, planDelivery } from './publish.domain.js';
import { resolveUserRefs } from './user-refs.js';

export interface PublishInput<K extends DomainEventName = DomainEventName> {
  event: K;
  payload: DomainEventInput<K>;
  to: z.input<typeof PublishTargets>;
  notify?: { title: string; body: string };
}
export type PublishResult = z.output<typeof PublishResultSchema>;
export type Publish = <K extends DomainEventName>(input: PublishInput<K>) => Promise<PublishResult>;

/** Domain events are durable room events when they go to a user or topic room. */
const record = (tx: Tx, room: string, seq: number, event: DomainEventName, body: Record<string, unknown>) =>
  recordEvent(tx, room, seq, event as EventName as RoomEventName, body as never);

export function createPublisher(d: { db: Db; commit: Commit; emitter: EventEmitterPort }): Publish {
  return async (input) => {
    const request = PublishRequest.safeParse(input);
    if (!request.success) throw new DomainError('VALIDATION_FAILED', 'Invalid publish request.', { issues: issuesOf(request.error) });
    const { event, to, notify } = request.data;
    const payload = parseDomainPayload(event, request.data.payload);
    const { ids, unknown } = await resolveUserRefs(d.db, to.users ?? []);
    const members = notify && to.topics ? await createTopicRepository(d.db).membersOf(to.topics) : [];
    const plan = planDelivery(to, ids, members, !!notify);

    const notificationsCreated = await d.commit(async (tx, out: Outgoing[]) => {
      // Every user room first, sorted, then topic rooms: one lock order for every writer.
      const targeted = new Set(plan.users);
      const notified = new Set(plan.notified);
      let created = 0;
      for (const userId of [...new Set([...plan.users, ...plan.notified])].sort()) {
        const room = userRoom(userId);
        if (targeted.has(userId)) out.push(await record(tx, room, await claimSeq(tx, room), event, payload));
        if (notify && notified.has(userId)) {
          await createNotificationIn(tx, out, userId, { type: event, title: notify.title, body: notify.body, data: payload });
          created++;
        }
      }
      for (const topic of plan.topics) {
        const room = topicRoom(topic);
        out.push(await record(tx, room, await claimSeq(tx, room), event, { ...payload, topic }));
      }
      return created;
    });

    // Live only: sockets that already got a durable copy are left out.
    const durable = [...plan.users.map(userRoom), ...plan.topics.map(topicRoom)];
    const live = event as EventName as 'systemAnnouncement';
    if (plan.all) d.emitter.toAll(live, payload as never, durable);
    else d.emitter.toRooms(plan.roles.map(roleRoom), live, payload as never, durable);

    return {
      event,
      delivered: { users: plan.users, roles: request.data.to.roles ?? [], topics: plan.topics, all: plan.all },
      unknownUsers: unknown,
      notificationsCreated,
    };
  };
}
