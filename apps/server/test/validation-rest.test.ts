// SPEC §1 REST conventions: bad bodies get 400 `{ error: { code: 'VALIDATION_FAILED', details } }`,
// bodies over the 64 KB cap are refused, and neither creates anything or hurts the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { http } from './raw-socket.js';

const JSON_REFUSED = 'The request body is not valid JSON, or holds a forbidden key (__proto__ or constructor.prototype).';

describe('REST validation of POST /auctions', () => {
  let t: TestServer;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startServer();
    alice = await t.signIn('Alice');
  });
  afterAll(() => t?.close());

  const auctionCount = async () => (await http(t.url, 'GET', '/auctions?limit=100', { token: alice.token })).body.items.length;

  const badBodies: Array<[string, unknown, string]> = [
    ['an empty object', {}, 'title'],
    ['a numeric title', { title: 42 }, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a whitespace title', { title: '   ' }, 'title'],
    ['a 10,000-character title', { title: 'x'.repeat(10_000) }, 'title'],
    ['a null title', { title: null }, 'title'],
    // zod 4 throws on this one instead of answering; still a 400 naming the field, never a 500.
    ['a title whose length is an object', { title: { length: { toString: 0 } } }, 'title'],
    ['a categoryId whose length is a list', { title: 'Ok', categoryId: { length: [{ toString: 0 }] } }, 'categoryId'],
    ['a non-URL imageUrl', { title: 'Ok', imageUrl: 'not a url' }, 'imageUrl'],
    ['a non-ISO startsAt', { title: 'Ok', startsAt: 'tomorrow' }, 'startsAt'],
    ['a numeric expiresAt', { title: 'Ok', expiresAt: 1_700_000_000 }, 'expiresAt'],
    ['a 10,000-character description', { title: 'Ok', description: 'd'.repeat(10_000) }, 'description'],
    ['an array categoryId', { title: 'Ok', categoryId: ['c1'] }, 'categoryId'],
    ['null', null, '(root)'],
    ['an array', [{ title: 'Ok' }], '(root)'],
    ['a bare number', 7, '(root)'],
  ];

  it.each(badBodies)('%s → 400 VALIDATION_FAILED naming the field', async (_label, body, path) => {
    const before = await auctionCount();
    const res = await http(t.url, 'POST', '/auctions', { token: alice.token, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: 'Invalid request body.' } });
    const issues = res.body.error.details.issues as Array<{ path: string }>;
    expect(issues.map((i) => i.path)).toContain(path);
    expect(await auctionCount()).toBe(before);
  });

  it('an unknown categoryId → 400 VALIDATION_FAILED on categoryId, nothing created', async () => {
    const before = await auctionCount();
    const res = await http(t.url, 'POST', '/auctions', { token: alice.token, body: { title: 'Ok', categoryId: 'nope' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('categoryId');
    expect(await auctionCount()).toBe(before);
  });

  it('malformed JSON → 400 in the error shape of the API', async () => {
    const res = await http(t.url, 'POST', '/auctions', { token: alice.token, rawBody: '{"title": "Ok",' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: JSON_REFUSED } });
  });

  it.each([
    ['a __proto__ key', '{"__proto__":{"admin":true},"title":"Ok"}'],
    ['a nested __proto__ key', '{"title":"Ok","imageUrl":{"__proto__":null}}'],
    ['a constructor.prototype', '{"constructor":{"prototype":{"admin":true}},"title":"Ok"}'],
  ])('JSON with %s → 400 saying so, nothing created', async (_label, rawBody) => {
    const before = await auctionCount();
    const res = await http(t.url, 'POST', '/auctions', { token: alice.token, rawBody });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: JSON_REFUSED } });
    expect(await auctionCount()).toBe(before);
  });

  it('a body over 64 KB is refused in the error shape; the server keeps serving', async () => {
    const before = await auctionCount();
    const body = { title: 'Big', description: 'y'.repeat(70 * 1024) };
    const res = await http(t.url, 'POST', '/auctions', { token: alice.token, body });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
    expect(await auctionCount()).toBe(before);
    // Still alive: a valid create and a socket command work afterwards.
    const ok = await http(t.url, 'POST', '/auctions', { token: alice.token, body: { title: 'Small' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ title: 'Small', status: 'scheduled', owner: { id: alice.id, name: 'Alice' } });
    const client = await alice.connect();
    expect(typeof (await client.timeSync()).serverTime).toBe('number');
  });
});
