// SPEC §6 publish API: service keys, contract domain events validated against their schemas, delivery
// to users and topics (durable, with seq) and roles / everyone (live only), notifications for users
// targeted by id or known as topic members; refusals deliver nothing.
import { describe, expect, it } from 'vitest';
import { startServer, type TestUser } from './harness.js';
import { SERVICE_KEY, flushAll, offer, recorder, service, type Recorder } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

const env = { SERVICE_API_KEYS: `other-key,${SERVICE_KEY}` };

describe('publish API', () => {
  it('delivers to users, topics (durably, with seq), roles and everyone (live only)', async () => {
    await using t = await startServer(env);
    const [buyer, seller, member, bystander] = (await Promise.all(['Buyer', 'Seller', 'Member', 'Bystander'].map((n) => t.signIn(n)))) as [TestUser, TestUser, TestUser, TestUser];
    const clients = await Promise.all([buyer, seller, member, bystander].map((u) => u.connect()));
    const recorders = clients.map(recorder);
    const [buyerSeen, sellerSeen, memberSeen, bystanderSeen] = recorders as [Recorder, Recorder, Recorder, Recorder];
    expect((await service(t, 'POST', '/internal/v1/topics/request:42/members', { userIds: [member.id, 'ghost'] })).body).toEqual({
      topic: 'request:42', added: [member.id], unknownUsers: ['ghost'],
    });
    expect(await clients[2]!.subscribe({ topic: 'request:42' })).toEqual({ topic: 'request:42', seq: 0 });

    // To a user and a topic, with notify: durable copies, notifications for the user and the member.
    const res = await service(t, 'POST', '/internal/v1/publish', {
      event: 'offerReceived', payload: offer(), to: { users: [buyer.id], topics: ['request:42'] }, notify: { title: 'New offer', body: '125.00 USD' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      event: 'offerReceived', delivered: { users: [buyer.id], roles: [], topics: ['request:42'], all: false }, unknownUsers: [], notificationsCreated: 2,
    });
    await waitUntil(() => buyerSeen.of('offerReceived').length === 1 && memberSeen.of('offerReceived').length === 1, 'offerReceived at buyer and member');
    expect(buyerSeen.of('offerReceived')[0]).toEqual({ ...offer(), seq: 1, at: expect.any(String) });
    expect(memberSeen.of('offerReceived')[0]).toEqual({ ...offer(), topic: 'request:42', seq: 1, at: expect.any(String) });
    await waitUntil(() => memberSeen.of('notificationCreated').length === 1, 'notification at the topic member');
    expect(buyerSeen.of('notificationCreated')[0]).toMatchObject({ notification: { type: 'offerReceived', title: 'New offer', data: offer() }, unreadCount: 1 });

    // To a role: live only, no seq, no notification.
    const toSellers = await service(t, 'POST', '/internal/v1/publish', {
      event: 'payoutCompleted', payload: { payoutId: 'p1', sellerId: 's1', amount: 500, currency: 'EUR', completedAt: '2026-01-02T10:00:00Z' },
      to: { roles: ['seller'] }, notify: { title: 'Paid', body: 'Payout sent' },
    });
    expect(toSellers.body).toMatchObject({ delivered: { roles: ['seller'] }, notificationsCreated: 0 });
    await waitUntil(() => bystanderSeen.of('payoutCompleted').length === 1, 'payoutCompleted at a seller');
    expect(bystanderSeen.of('payoutCompleted')[0]).not.toHaveProperty('seq');

    // To everyone, in process (typed from the contract); a targeted user gets one copy, the durable one.
    const announcement = { announcementId: 'a1', title: 'Maintenance tonight', body: 'Back at 2am.', severity: 'info' as const };
    await t.server.publish({ event: 'systemAnnouncement', payload: announcement, to: { all: true, users: [seller.id] } });
    await waitUntil(() => recorders.every((r) => r.of('systemAnnouncement').length === 1), 'announcement everywhere');
    await flushAll(clients);
    expect(sellerSeen.of('systemAnnouncement')).toEqual([{ ...announcement, seq: 1, at: expect.any(String) }]);
    expect(buyerSeen.of('systemAnnouncement')).toEqual([announcement]);
    expect((await buyer.rest.unreadNotificationCount()).unreadCount).toBe(1);
    expect((await member.rest.unreadNotificationCount()).unreadCount).toBe(1);
    expect((await seller.rest.unreadNotificationCount()).unreadCount).toBe(0);
  });

  it('a wrong or missing key is 401, an unknown event or a bad payload 400, and nothing is delivered', async () => {
    await using t = await startServer(env);
    const user = await t.signIn('Target');
    const client = await user.connect();
    const seen = recorder(client);
    const body = { event: 'offerReceived', payload: offer(), to: { users: [user.id], all: true }, notify: { title: 't', body: 'b' } };

    for (const key of [null, 'wrong-key', `${SERVICE_KEY}x`, user.token]) {
      const res = await service(t, 'POST', '/internal/v1/publish', body, key);
      expect(res.status, `key ${key}`).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const unknownEvent = await service(t, 'POST', '/internal/v1/publish', { ...body, event: 'bidPlaced' });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'event' })] } });
    const badPayload = await service(t, 'POST', '/internal/v1/publish', { ...body, payload: offer({ amount: 12.5, currency: 'usd' }) });
    expect(badPayload.status).toBe(400);
    expect(badPayload.body.error.code).toBe('VALIDATION_FAILED');
    expect(badPayload.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['payload.amount', 'payload.currency']);
    // A payload zod cannot read (it throws on an object `length`): still a 400 naming the field.
    const unreadable = await service(t, 'POST', '/internal/v1/publish', { ...body, payload: offer({ offerId: { length: { toString: 0 } } }) });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'payload.offerId' })] } });
    const noTarget = await service(t, 'POST', '/internal/v1/publish', { ...body, to: {} });
    expect(noTarget.status).toBe(400);
    await expect(t.server.publish({ event: 'levelUp', payload: { userId: user.id, level: 0, previousLevel: 0 }, to: { users: [user.id] } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Without SERVICE_API_KEYS the API is closed.
    await using closed = await startServer();
    expect((await service(closed, 'POST', '/internal/v1/publish', body)).status).toBe(401);

    await flushAll([client]);
    expect(seen.events).toEqual([]);
    expect(await user.rest.unreadNotificationCount()).toEqual({ unreadCount: 0 });
  });
});
