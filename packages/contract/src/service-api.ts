// The service API (SPEC §6) other backend services call with a key from SERVICE_API_KEYS: publish
// domain events and manage topic memberships. Not part of the app-facing REST client.
import * as z from 'zod';
import { route } from './define.js';
import { DomainEventName } from './domain-events.js';
import { Role } from './rest.js';
import { Id } from './shared.js';
import { TopicName } from './topics.js';

const UserRefs = z.array(Id).min(1).max(1000);

export const PublishTargets = z
  .object({
    /** Bidwire user ids (or, in external identity mode, the `sub` of their tokens). */
    users: UserRefs.optional(),
    roles: z.array(Role).min(1).max(3).optional(),
    topics: z.array(TopicName).min(1).max(100).optional(),
    all: z.boolean().optional(),
  })
  .refine((t) => !!(t.users || t.roles || t.topics || t.all), 'Name at least one target: users, roles, topics or all.');

export const PublishRequest = z.object({
  event: DomainEventName,
  /** Checked against the event's schema in the contract. */
  payload: z.unknown(),
  to: PublishTargets,
  /** Also persist a notification (type = event name) for users targeted by id or as topic members. */
  notify: z.object({ title: z.string().trim().min(1).max(200), body: z.string().max(2000) }).optional(),
});

export const PublishResult = z.object({
  event: DomainEventName,
  delivered: z.object({ users: z.array(Id), roles: z.array(Role), topics: z.array(TopicName), all: z.boolean() }),
  /** Targeted user refs that name no known user (nothing was delivered or stored for them). */
  unknownUsers: z.array(z.string()),
  notificationsCreated: z.int().nonnegative(),
});

/** The publish API (SPEC §6). */
export const publishRoutes = {
  publish: route({
    method: 'POST', path: '/internal/v1/publish', auth: 'service', status: 200,
    description: 'Publish a domain event to users, roles, topics or everyone (service key).',
    body: PublishRequest,
    response: PublishResult,
  }),
} as const;

/** Topic memberships, managed by the services that own the topics (SPEC §6). */
export const topicServiceRoutes = {
  addTopicMembers: route({
    method: 'POST', path: '/internal/v1/topics/:topic/members', auth: 'service', status: 200,
    description: 'Let users subscribe to a topic (service key); they count as its members for notifications.',
    params: z.object({ topic: TopicName }),
    body: z.object({ userIds: UserRefs }),
    response: z.object({ topic: TopicName, added: z.array(Id), unknownUsers: z.array(z.string()) }),
  }),
  removeTopicMember: route({
    method: 'DELETE', path: '/internal/v1/topics/:topic/members/:userId', auth: 'service', status: 204,
    description: 'Withdraw a membership (service key); the user’s sockets leave the topic room at once.',
    params: z.object({ topic: TopicName, userId: Id }),
    response: z.null(),
  }),
} as const;

export const serviceRoutes = { ...publishRoutes, ...topicServiceRoutes } as const;

export type ServiceRoutes = typeof serviceRoutes;
export type ServiceRouteName = keyof ServiceRoutes;
