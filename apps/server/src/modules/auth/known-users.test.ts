import { describe, expect, it } from 'vitest';
import { createKnownUsers } from './known-users.js';

/** A lookup over a fixed set of user ids that records every query. */
function usersTable(ids: string[]) {
  const queries: string[][] = [];
  const table = new Set(ids);
  const lookup = async (asked: readonly string[]) => {
    queries.push([...asked]);
    return asked.filter((id) => table.has(id));
  };
  return { queries, lookup };
}

describe('known users (a token names a user of this server)', () => {
  it('answers a reconnect storm with one query, then from memory', async () => {
    const users = Array.from({ length: 500 }, (_, i) => `u${i}`);
    const db = usersTable(users);
    const known = createKnownUsers(db.lookup);
    // 500 users, each with two sockets, and one unknown id, all at once.
    const answers = await Promise.all([...users, ...users, 'ghost'].map((id) => known.exists(id)));
    expect(answers.slice(0, 1000).every(Boolean)).toBe(true);
    expect(answers[1000]).toBe(false);
    expect(db.queries).toHaveLength(1);
    expect(new Set(db.queries[0])).toEqual(new Set([...users, 'ghost']));
    // Known now: no query. The unknown id is asked again (it may be created later).
    expect(await Promise.all(users.map((id) => known.exists(id)))).toEqual(users.map(() => true));
    expect(await known.exists('ghost')).toBe(false);
    expect(db.queries).toHaveLength(2);
  });

  it('splits big batches into queries of at most 1,000 ids', async () => {
    const users = Array.from({ length: 2_500 }, (_, i) => `u${i}`);
    const db = usersTable(users);
    const known = createKnownUsers(db.lookup);
    await Promise.all(users.map((id) => known.exists(id)));
    expect(db.queries.map((q) => q.length)).toEqual([1_000, 1_000, 500]);
  });

  it('knows a remembered user without asking, and forgets everything past its limit', async () => {
    const db = usersTable(['a', 'b', 'c']);
    const known = createKnownUsers(db.lookup, 2);
    known.remember('a');
    expect(await known.exists('a')).toBe(true);
    expect(db.queries).toHaveLength(0);
    known.remember('b');
    known.remember('c'); // over the limit: starts over with c
    expect(await known.exists('c')).toBe(true);
    expect(db.queries).toHaveLength(0);
    expect(await known.exists('a')).toBe(true);
    expect(db.queries).toEqual([['a']]);
  });

  it('passes a failed lookup on to every caller of the batch', async () => {
    const known = createKnownUsers(async () => {
      throw new Error('database down');
    });
    await expect(Promise.all([known.exists('a'), known.exists('b')])).rejects.toThrow('database down');
  });
});
