// The contract's own invariants: every command declares its errors, every durable room event names its
// room and carries seq/at, the SPEC's names are all there, and the schemas accept and refuse what they should.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COMMON_ERRORS,
  ERROR_CODES,
  commandNames,
  commands,
  domainEventNames,
  domainEventPayloads,
  eventNames,
  events,
  restRoutes,
  type CommandInput,
  type CommandResult,
  type EventPayload,
} from './index.js';

const SPEC_COMMANDS = [
  'startAuction', 'joinAuction', 'leaveAuction', 'openLot', 'placeBid', 'postComment', 'awardLot', 'endAuction',
  'cancelAuction', 'leaveBroadcast', 'joinConversation', 'leaveConversation', 'sendMessage', 'editMessage',
  'deleteMessage', 'markRead', 'setTyping', 'getPresence', 'markNotificationsRead', 'subscribe', 'unsubscribe',
  'resync', 'timeSync',
];
const SPEC_EVENTS = [
  'auctionStarted', 'viewerCountChanged', 'lotOpened', 'bidPlaced', 'commentPosted', 'lotClosed', 'auctionEnded',
  'auctionCanceled', 'broadcasterLeft', 'broadcasterJoined', 'lotExtended', 'messageCreated', 'messageNotification',
  'messageEdited', 'messageDeleted', 'messagesRead', 'typingChanged', 'participantsAdded', 'participantRemoved',
  'presenceChanged', 'notificationCreated', 'unreadCountChanged', 'sessionExpired', 'error',
];
const SPEC_DOMAIN_EVENTS = [
  'purchaseRequestCreated', 'offerReceived', 'offerUpdated', 'purchaseRequestUpdated', 'requestCancelled',
  'transactionCompleted', 'deliveryUpdated', 'paymentCreated', 'paymentUpdated', 'payoutCreated', 'payoutCompleted',
  'disputeOpened', 'disputeEvidenceAdded', 'disputeResolved', 'levelUp', 'referralReward', 'referralSignup',
  'systemAnnouncement', 'systemMaintenance',
];

describe('the contract', () => {
  it('has every command, event and domain event the SPEC names', () => {
    expect(commandNames).toEqual(expect.arrayContaining(SPEC_COMMANDS));
    expect(eventNames).toEqual(expect.arrayContaining(SPEC_EVENTS));
    expect([...domainEventNames].sort()).toEqual([...SPEC_DOMAIN_EVENTS].sort());
  });

  it('lets every command answer the common errors and only known codes', () => {
    for (const name of commandNames) {
      const errors = commands[name].errors as readonly string[];
      for (const common of COMMON_ERRORS) expect(errors, name).toContain(common);
      for (const code of errors) expect(ERROR_CODES, `${name}: ${code}`).toContain(code);
    }
  });

  it('binds every durable room event to its room, through a field its payload has', () => {
    for (const name of eventNames) {
      const def = events[name] as { scope: string; room?: { room: string; idField?: string }; payload: { shape?: Record<string, unknown> } };
      if (def.scope !== 'room') continue;
      expect(def.room, `${name} has no room binding`).toBeDefined();
      const shape = def.payload.shape ?? {};
      expect(shape, `${name} carries seq`).toHaveProperty('seq');
      expect(shape, `${name} carries at`).toHaveProperty('at');
      if (def.room?.idField) expect(shape, `${name}.${def.room.idField}`).toHaveProperty(def.room.idField);
    }
  });

  it('accepts a valid bid and refuses money that is not a positive safe integer', () => {
    const schema = commands.placeBid.request;
    expect(schema.safeParse({ auctionId: 'a1', amount: 1500 }).success).toBe(true);
    for (const amount of [0, -5, 1.5, 1e300, Number.MAX_SAFE_INTEGER + 2, '100', null]) {
      expect(schema.safeParse({ auctionId: 'a1', amount }).success, String(amount)).toBe(false);
    }
    expect(schema.safeParse({ auctionId: 'x'.repeat(10_000), amount: 1 }).success).toBe(false);
  });

  it('applies defaults: minIncrement is 1 unless given', () => {
    const parsed = commands.openLot.request.parse({ auctionId: 'a1', product: 'Dates', startingPrice: 100 });
    expect(parsed.minIncrement).toBe(1);
  });

  it('gives every domain event an object schema that refuses null and arrays', () => {
    for (const name of domainEventNames) {
      expect(domainEventPayloads[name].safeParse(null).success, name).toBe(false);
      expect(domainEventPayloads[name].safeParse([]).success, name).toBe(false);
    }
  });

  it('gives every REST route a path that starts with / and a known method', () => {
    for (const [name, r] of Object.entries(restRoutes)) {
      expect(r.path.startsWith('/'), name).toBe(true);
      expect(['GET', 'POST', 'PATCH', 'DELETE'], name).toContain(r.method);
    }
  });

  it('derives the TypeScript types from the schemas', () => {
    expectTypeOf<CommandInput<'placeBid'>>().toEqualTypeOf<{ auctionId: string; amount: number; maxAmount?: number | undefined; requestId?: string | undefined }>();
    expectTypeOf<CommandResult<'timeSync'>>().toEqualTypeOf<{ serverTime: number }>();
    expectTypeOf<EventPayload<'bidPlaced'>['highestBid']>().toEqualTypeOf<number>();
  });
});
