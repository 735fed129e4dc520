// SPEC §6 topics: subscribe needs a token grant (exact or kind:*) or a membership a service added;
// otherwise FORBIDDEN. A withdrawn membership takes the user's sockets out at once.
import { describe, expect, it } from 'vitest';
import { createClient } from '@bidwire/sdk';
import { startServer, whenConnected } from './harness.js';
import { JWT_SECRET, SERVICE_KEY, flushAll, offer, recorder, service, tokenWith } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

describe('topics', () => {
  it('token grants both ways: exact names and kind:* allow, anything else is FORBIDDEN', async () => {
    await using t = await startServer({ JWT_SECRET, SERVICE_API_KEYS: SERVICE_KEY });
    const user = await t.signIn('Granted');
    const token = await tokenWith(user, { topics: ['request:42', 'checkout:*'] });
    const client = createClient({ url: t.url, token, socketOptions: { transports: ['websocket'], reconnection: false } });
    try {
      await whenConnected(client);
      const seen = recorder(client);
      expect(await client.subscribe({ topic: 'request:42' })).toEqual({ topic: 'request:42', seq: 0 });
      expect(await client.subscribe({ topic: 'checkout:7' })).toEqual({ topic: 'checkout:7', seq: 0 });
      await expect(client.subscribe({ topic: 'request:43' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You are not allowed to subscribe to request:43.' });
      // The OTP token (no grants) is refused too.
      const plain = await user.connect();
      await expect(plain.subscribe({ topic: 'request:42' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

      await service(t, 'POST', '/internal/v1/publish', { event: 'offerReceived', payload: offer(), to: { topics: ['request:42', 'request:43'] } });
      await waitUntil(() => seen.of('offerReceived').length === 1, 'offerReceived on the granted topic');
      expect(seen.of('offerReceived')[0]).toMatchObject({ topic: 'request:42', seq: 1 });

      expect(await client.unsubscribe({ topic: 'request:42' })).toEqual({});
      await service(t, 'POST', '/internal/v1/publish', { event: 'offerReceived', payload: offer({ offerId: 'o2' }), to: { topics: ['request:42'] } });
      await flushAll([client]);
      expect(seen.of('offerReceived')).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it('a service-added membership allows subscribing; withdrawing it takes the sockets out at once', async () => {
    await using t = await startServer({ SERVICE_API_KEYS: SERVICE_KEY });
    const user = await t.signIn('Member');
    const [tab1, tab2] = await Promise.all([user.connect(), user.connect()]);
    const seen = recorder(tab2);
    await expect(tab1.subscribe({ topic: 'checkout:7' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await service(t, 'POST', '/internal/v1/topics/checkout:7/members', { userIds: [user.id] }, 'bad')).status).toBe(401);
    expect((await service(t, 'POST', '/internal/v1/topics/not a topic/members', { userIds: [user.id] })).status).toBe(400);
    expect((await service(t, 'POST', '/internal/v1/topics/checkout:7/members', { userIds: [user.id] })).status).toBe(200);
    await tab1.subscribe({ topic: 'checkout:7' });
    await tab2.subscribe({ topic: 'checkout:7' });

    expect((await service(t, 'DELETE', `/internal/v1/topics/checkout:7/members/${user.id}`)).status).toBe(204);
    await service(t, 'POST', '/internal/v1/publish', {
      event: 'paymentUpdated', payload: { paymentId: 'pay1', status: 'captured', updatedAt: '2026-01-01T00:00:00Z' }, to: { topics: ['checkout:7'] },
    });
    await flushAll([tab1, tab2]);
    expect(seen.of('paymentUpdated')).toEqual([]);
    await expect(tab1.subscribe({ topic: 'checkout:7' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
