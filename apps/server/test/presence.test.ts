// SPEC §5 presence: online while any tab is connected, offline (with lastSeenAt) only after the grace
// period (PRESENCE_GRACE_MS, short here), so a reload sends nothing; visible to conversation partners only.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { flushAll, recorder } from './messaging-fixtures.js';
import { waitUntil } from './fixtures.js';

const GRACE_MS = 300;

describe('presence', () => {
  it('two tabs, a reload inside the grace period, then a real disconnect: one offline event, to partners only', async () => {
    await using t = await startServer({ PRESENCE_GRACE_MS: String(GRACE_MS) });
    const [mia, partner, stranger] = await Promise.all([t.signIn('Mia'), t.signIn('Partner'), t.signIn('Stranger')]);
    await partner.rest.createConversation({ body: { participantIds: [mia.id] } });
    const partnerClient = await partner.connect();
    const strangerClient = await stranger.connect();
    const seen = recorder(partnerClient);
    const strangerSeen = recorder(strangerClient);
    const ofMia = () => seen.of('presenceChanged').filter((p) => p.userId === mia.id);

    const tab1 = await mia.connect();
    await waitUntil(() => ofMia().length === 1, 'Mia online at her partner');
    expect(ofMia()[0]).toEqual({ userId: mia.id, status: 'online', lastSeenAt: null });
    const tab2 = await mia.connect();
    tab1.close();
    // A reload: the last tab goes and a new one comes back inside the grace period.
    tab2.close();
    const reloaded = await mia.connect();
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    await flushAll([partnerClient]);
    expect(ofMia()).toHaveLength(1);
    expect((await partnerClient.getPresence({ userIds: [mia.id] })).presence).toEqual([{ userId: mia.id, status: 'online', lastSeenAt: null }]);

    // A real disconnect: offline once, after the grace period, with lastSeenAt.
    const goneAt = Date.now();
    reloaded.close();
    await waitUntil(() => ofMia().length === 2, 'Mia offline at her partner', 3_000);
    expect(Date.now() - goneAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    const offline = ofMia()[1]!;
    expect(offline).toMatchObject({ userId: mia.id, status: 'offline', lastSeenAt: expect.any(String) });
    expect(offline).not.toHaveProperty('seq');
    expect(Math.abs(Date.parse(offline.lastSeenAt!) - goneAt)).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, GRACE_MS));
    await flushAll([partnerClient, strangerClient]);
    expect(ofMia()).toHaveLength(2);
    expect(strangerSeen.of('presenceChanged')).toEqual([]);

    // getPresence: the caller and their partners; strangers are left out.
    expect((await partnerClient.getPresence({ userIds: [mia.id, partner.id, stranger.id] })).presence).toEqual([
      { userId: mia.id, status: 'offline', lastSeenAt: offline.lastSeenAt },
      { userId: partner.id, status: 'online', lastSeenAt: null },
    ]);
    expect((await strangerClient.getPresence({ userIds: [mia.id] })).presence).toEqual([]);
  });

  it('users coming online at once: each one announced to their own partners only', async () => {
    await using t = await startServer({ PRESENCE_GRACE_MS: String(GRACE_MS) });
    const signIn = (name: string) => t.signIn(name);
    const [ann, ben, cid, dee, eve, fay] = await Promise.all([signIn('Ann'), signIn('Ben'), signIn('Cid'), signIn('Dee'), signIn('Eve'), signIn('Fay')]);
    await ann.rest.createConversation({ body: { participantIds: [ben.id] } });
    await cid.rest.createConversation({ body: { participantIds: [dee.id] } });
    await fay.rest.createConversation({ body: { participantIds: [ann.id, cid.id] } });
    const watchers = { ben: await ben.connect(), dee: await dee.connect(), fay: await fay.connect() };
    const seen = Object.fromEntries(Object.entries(watchers).map(([name, client]) => [name, recorder(client)]));
    const online = (name: string) => seen[name]!.of('presenceChanged').filter((p) => p.status === 'online').map((p) => p.userId).sort();

    // Together: their partners are read in one go (SPEC §5 still: visible to conversation partners only).
    const clients = await Promise.all([ann, cid, eve].map((u) => u.connect()));
    await waitUntil(() => online('fay').length === 2, 'Ann and Cid online at Fay');
    await flushAll(Object.values(watchers));
    expect(online('ben')).toEqual([ann.id]);
    expect(online('dee')).toEqual([cid.id]);
    expect(online('fay')).toEqual([ann.id, cid.id].sort());
    for (const c of clients) c.close();
  });
});
