// SPEC §6 notifications: persisted, pushed with the unread count to every socket of the user (durable
// user-room events with seq), marked read by ids or all, listed over REST.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll, recorder } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

describe('notifications', () => {
  it('reach both tabs with the unread count; markNotificationsRead updates every tab', async () => {
    await using t = await startServer();
    const [nora, other] = await Promise.all([t.signIn('Nora'), t.signIn('Other')]);
    const [tab1, tab2, otherClient] = await Promise.all([nora.connect(), nora.connect(), other.connect()]);
    const [seen1, seen2, otherSeen] = [recorder(tab1), recorder(tab2), recorder(otherClient)];

    for (const level of [2, 3, 4]) {
      await t.server.publish({
        event: 'levelUp', payload: { userId: nora.id, level, previousLevel: level - 1 }, to: { users: [nora.id] },
        notify: { title: `Level ${level}`, body: 'You levelled up.' },
      });
    }
    await waitUntil(() => seen2.of('notificationCreated').length === 3, 'three notifications at tab 2');
    const created = seen1.of('notificationCreated');
    expect(created.map((e) => e.unreadCount)).toEqual([1, 2, 3]);
    expect(created[0]!.notification).toMatchObject({
      type: 'levelUp', title: 'Level 2', body: 'You levelled up.', data: { userId: nora.id, level: 2, previousLevel: 1 }, readAt: null,
    });
    expect(seen2.of('notificationCreated')).toEqual(created);
    // User-room events are durable: the domain event and its notification each take the next seq.
    expect(seen1.events.map((e) => [e.event, e.payload.seq])).toEqual([
      ['levelUp', 1], ['notificationCreated', 2], ['levelUp', 3], ['notificationCreated', 4], ['levelUp', 5], ['notificationCreated', 6],
    ]);

    expect(await nora.rest.unreadNotificationCount()).toEqual({ unreadCount: 3 });
    const all = await nora.rest.listNotifications({ query: { limit: 2 } });
    expect(all.items.map((n) => n.title)).toEqual(['Level 4', 'Level 3']);
    const rest = await nora.rest.listNotifications({ query: { limit: 2, cursor: all.nextCursor! } });
    expect(rest.items.map((n) => n.title)).toEqual(['Level 2']);
    expect(rest.nextCursor).toBeNull();

    const oldest = created[0]!.notification.id;
    // Someone else's ids are ignored.
    expect(await otherClient.markNotificationsRead({ ids: [oldest] })).toEqual({ unreadCount: 0 });
    expect(await tab1.markNotificationsRead({ ids: [oldest] })).toEqual({ unreadCount: 2 });
    await waitUntil(() => seen2.of('unreadCountChanged').length === 1, 'unreadCountChanged at tab 2');
    expect(seen2.of('unreadCountChanged')[0]).toMatchObject({ unreadCount: 2, seq: 7 });
    expect(seen1.of('unreadCountChanged')[0]).toMatchObject({ unreadCount: 2, seq: 7 });
    const unread = await nora.rest.listNotifications({ query: { unread: true } });
    expect(unread.items.map((n) => n.title)).toEqual(['Level 4', 'Level 3']);
    expect((await nora.rest.listNotifications()).items.find((n) => n.id === oldest)?.readAt).toEqual(expect.any(String));

    expect(await tab2.markNotificationsRead({ all: true })).toEqual({ unreadCount: 0 });
    await waitUntil(() => seen1.of('unreadCountChanged').length === 2, 'second unreadCountChanged at tab 1');
    expect(seen1.of('unreadCountChanged')[1]!.unreadCount).toBe(0);
    expect(await nora.rest.unreadNotificationCount()).toEqual({ unreadCount: 0 });
    expect((await nora.rest.listNotifications({ query: { unread: true } })).items).toEqual([]);

    await flushAll([otherClient]);
    expect(otherSeen.of('notificationCreated')).toEqual([]);
    expect(otherSeen.of('unreadCountChanged')).toHaveLength(1);
    await expect(tab1.markNotificationsRead({ ids: [oldest], all: true } as never)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
