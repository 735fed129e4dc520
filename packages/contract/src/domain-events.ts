// Domain events (SPEC §6): what the marketplace's other services publish to users through
// POST /internal/v1/publish (or in process). Payload schemas first, then the events clients receive.
import * as z from 'zod';
import { event } from './define.js';
import { Id, Money, PublicUser } from './shared.js';
import { TopicName } from './topics.js';

const Time = z.iso.datetime({ offset: true });
/** ISO 4217 codes and token symbols (USD, EUR, USDT). */
const Currency = z.string().regex(/^[A-Z0-9]{3,10}$/, 'Currency must be a code such as USD').meta({ examples: ['USD'] });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Priced = { amount: Money, currency: Currency };

/** The payload a publisher sends for each domain event (validated before anything is delivered). */
export const domainEventPayloads = {
  purchaseRequestCreated: z.object({
    purchaseRequestId: Id, buyerId: Id, title: Text(200), categoryId: Id.optional(),
    quantity: z.int().positive().optional(), budget: Money.optional(), currency: Currency.optional(), createdAt: Time,
  }),
  offerReceived: z.object({
    offerId: Id, purchaseRequestId: Id, sellerId: Id, ...Priced, message: Text(1000).optional(), expiresAt: Time.optional(),
  }),
  offerUpdated: z.object({
    offerId: Id, purchaseRequestId: Id,
    status: z.enum(['pending', 'countered', 'accepted', 'rejected', 'withdrawn', 'expired']),
    amount: Money.optional(), currency: Currency.optional(), updatedAt: Time,
  }),
  purchaseRequestUpdated: z.object({
    purchaseRequestId: Id,
    status: z.enum(['open', 'negotiating', 'accepted', 'fulfilled', 'closed', 'cancelled']),
    updatedAt: Time,
  }),
  requestCancelled: z.object({ purchaseRequestId: Id, cancelledBy: Id, reason: Text(500).optional(), cancelledAt: Time }),
  transactionCompleted: z.object({
    transactionId: Id, purchaseRequestId: Id.optional(), offerId: Id.optional(), buyerId: Id, sellerId: Id, ...Priced, completedAt: Time,
  }),
  deliveryUpdated: z.object({
    deliveryId: Id, transactionId: Id,
    status: z.enum(['pending', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned']),
    carrier: Text(100).optional(), trackingNumber: Text(100).optional(), estimatedAt: Time.optional(), updatedAt: Time,
  }),
  paymentCreated: z.object({
    paymentId: Id, transactionId: Id.optional(), payerId: Id, ...Priced,
    method: z.enum(['card', 'bank_transfer', 'wallet', 'crypto', 'cash']), createdAt: Time,
  }),
  paymentUpdated: z.object({
    paymentId: Id, status: z.enum(['pending', 'authorized', 'captured', 'failed', 'refunded', 'cancelled']),
    amount: Money.optional(), currency: Currency.optional(), reason: Text(500).optional(),
    txHash: z.string().min(1).max(128).optional(), updatedAt: Time,
  }),
  payoutCreated: z.object({ payoutId: Id, sellerId: Id, ...Priced, scheduledAt: Time.optional() }),
  payoutCompleted: z.object({ payoutId: Id, sellerId: Id, ...Priced, txHash: z.string().min(1).max(128).optional(), completedAt: Time }),
  disputeOpened: z.object({
    disputeId: Id, transactionId: Id, openedBy: Id, reason: Text(1000), amount: Money.optional(), currency: Currency.optional(), openedAt: Time,
  }),
  disputeEvidenceAdded: z.object({
    disputeId: Id, evidenceId: Id, addedBy: Id, kind: z.enum(['text', 'image', 'document', 'link']), description: Text(1000).optional(),
  }),
  disputeResolved: z.object({
    disputeId: Id, transactionId: Id, outcome: z.enum(['buyer_favor', 'seller_favor', 'split', 'withdrawn']),
    refundAmount: Money.optional(), currency: Currency.optional(), note: Text(1000).optional(), resolvedAt: Time,
  }),
  levelUp: z.object({ userId: Id, level: z.int().min(1).max(1000), previousLevel: z.int().min(0).max(1000), perks: z.array(Text(200)).max(20).optional() }),
  referralReward: z.object({ referralId: Id, referrerId: Id, referredUserId: Id, ...Priced, reason: Text(500).optional() }),
  referralSignup: z.object({ referralId: Id, referrerId: Id, referredUser: PublicUser }),
  systemAnnouncement: z.object({
    announcementId: Id, title: Text(200), body: Text(2000), severity: z.enum(['info', 'warning', 'critical']), url: z.url().max(2000).optional(),
  }),
  systemMaintenance: z.object({
    maintenanceId: Id, startsAt: Time, endsAt: Time, message: Text(1000), affectedServices: z.array(Text(100)).max(50).optional(),
  }),
} as const;

export type DomainEventName = keyof typeof domainEventPayloads;
export const domainEventNames = Object.keys(domainEventPayloads) as DomainEventName[];
export const DomainEventName = z.enum(domainEventNames as [DomainEventName, ...DomainEventName[]]);
/** What a publisher passes for an event (before defaults and transforms). */
export type DomainEventInput<K extends DomainEventName> = z.input<(typeof domainEventPayloads)[K]>;

/**
 * Delivery fields added to a domain event's payload: `seq`/`at` when it came through a durable room —
 * your user room, or the topic room named by `topic` — and nothing when it went to a role or to everyone.
 */
export const DomainDelivery = z.object({
  seq: z.int().nonnegative().optional(),
  at: z.string().optional(),
  replayed: z.boolean().optional(),
  topic: TopicName.optional(),
});

/** What each domain event means, for the generated docs. */
const domainEventDescriptions: Record<DomainEventName, string> = {
  purchaseRequestCreated: 'A buyer created a purchase request.',
  offerReceived: 'A seller made an offer on a purchase request.',
  offerUpdated: 'An offer changed status (countered, accepted, rejected, withdrawn, expired).',
  purchaseRequestUpdated: 'A purchase request changed status.',
  requestCancelled: 'A purchase request was cancelled.',
  transactionCompleted: 'A purchase between a buyer and a seller completed.',
  deliveryUpdated: 'A delivery changed status (shipped, in transit, delivered, failed, returned).',
  paymentCreated: 'A payment was created.',
  paymentUpdated: 'A payment changed status (authorized, captured, failed, refunded, cancelled).',
  payoutCreated: 'A payout to a seller was scheduled.',
  payoutCompleted: 'A payout to a seller was paid.',
  disputeOpened: 'A dispute was opened on a transaction.',
  disputeEvidenceAdded: 'Evidence was added to a dispute.',
  disputeResolved: 'A dispute was resolved.',
  levelUp: 'A user reached a new level.',
  referralReward: 'A referrer earned a reward for a referral.',
  referralSignup: 'Someone signed up through a user’s referral.',
  systemAnnouncement: 'An announcement from the marketplace.',
  systemMaintenance: 'Planned maintenance of the marketplace.',
};

function domainEvent<S extends z.ZodRawShape>(name: DomainEventName, schema: z.ZodObject<S>) {
  return event({
    scope: 'domain',
    description: `${domainEventDescriptions[name]} Published by a marketplace service (POST /internal/v1/publish).`,
    payload: schema.extend(DomainDelivery.shape),
  });
}
type DomainEvents = {
  [K in DomainEventName]: ReturnType<typeof domainEvent<(typeof domainEventPayloads)[K]['shape']>>;
};

/** The events clients receive: each domain payload plus the delivery fields. */
export const domainEvents = Object.fromEntries(
  domainEventNames.map((name) => [name, domainEvent(name, domainEventPayloads[name] as z.ZodObject)]),
) as DomainEvents;
