import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { parseDomainMessage, planDelivery } from './publish.domain.js';

describe('domain payloads', () => {
  const offer = { offerId: 'o1', purchaseRequestId: 'r1', sellerId: 's1', amount: 1500, currency: 'USD' };
  it('a payload matching the event schema passes', () => {
    expect(parseDomainMessage('offerReceived', offer).payload).toMatchObject(offer);
  });
  it('a bad payload is VALIDATION_FAILED with payload.* paths', () => {
    try {
      parseDomainMessage('offerReceived', { ...offer, amount: -5 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect(((e as DomainError).details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('payload.amount');
    }
    expect(() => parseDomainMessage('levelUp', null)).toThrow('The payload does not match the levelUp event.');
  });
});

describe('delivery plan', () => {
  it('notifies targeted users and topic members once each, never roles or everyone', () => {
    const plan = planDelivery({ roles: ['seller'], topics: ['request:2', 'request:1'], all: true }, ['b', 'a'], ['a', 'c'], true);
    expect(plan).toEqual({ users: ['a', 'b'], topics: ['request:1', 'request:2'], roles: ['seller'], all: true, notified: ['a', 'b', 'c'] });
  });
  it('no notify, nobody notified', () => {
    expect(planDelivery({}, ['a'], ['b'], false).notified).toEqual([]);
  });
});
