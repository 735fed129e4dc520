import { describe, expect, it } from 'vitest';
import { createSharedRead } from './shared-read.js';

describe('shared read', () => {
  it('answers the requests that arrived during a read with the next read, started after they arrived', async () => {
    let version = 0;
    const reads: { key: string; requests: string[]; sawVersion: number }[] = [];
    let release!: () => void;
    const read = async (key: string, requests: string[]) => {
      const entry = { key, requests, sawVersion: version };
      reads.push(entry);
      if (reads.length === 1) await new Promise<void>((r) => (release = r));
      return requests.map((q) => `${q}@${entry.sawVersion}`);
    };
    const shared = createSharedRead(read);
    const first = shared('a', 'u1');
    await new Promise((r) => setImmediate(r));
    version = 1; // a commit after the first read began: the requests below must see it
    const later = [shared('a', 'u2'), shared('a', 'u3')];
    const other = shared('b', 'u4');
    release();
    expect(await first).toBe('u1@0');
    expect(await Promise.all(later)).toEqual(['u2@1', 'u3@1']);
    expect(await other).toBe('u4@1');
    expect(reads.map((r) => [r.key, r.requests])).toEqual([['a', ['u1']], ['b', ['u4']], ['a', ['u2', 'u3']]]);
  });

  it('fails every request of a read that fails, and reads again for the next ones', async () => {
    let fail = true;
    const shared = createSharedRead(async (_key: string, requests: number[]) => {
      if (fail) throw new Error('database down');
      return requests.map((n) => n * 2);
    });
    await expect(Promise.all([shared('k', 1), shared('k', 2)])).rejects.toThrow('database down');
    fail = false;
    expect(await shared('k', 3)).toBe(6);
  });
});
