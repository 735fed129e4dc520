import { describe, expect, it } from 'vitest';
import { releaseStartUpHeapWhenIdle } from './start-up-heap.js';

function busyFor(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // a loaded server: the event loop never idles
  }
}

describe('releaseStartUpHeapWhenIdle', () => {
  it('runs ten young-generation collections while the server idles', async () => {
    const calls: unknown[] = [];
    const ran = await releaseStartUpHeapWhenIdle({ gc: (o) => calls.push(o), firstAfterMs: 200, everyMs: 50 });
    expect(ran).toBe(10);
    expect(calls).toEqual(Array.from({ length: 10 }, () => ({ type: 'minor' })));
  });

  it('leaves a busy server alone', async () => {
    const calls: unknown[] = [];
    const done = releaseStartUpHeapWhenIdle({ gc: (o) => calls.push(o), firstAfterMs: 200, everyMs: 50 });
    setTimeout(() => busyFor(300), 0);
    expect(await done).toBe(0);
    expect(calls).toEqual([]);
  });

  it('stops when the server gets busy half-way', async () => {
    const calls: unknown[] = [];
    const done = releaseStartUpHeapWhenIdle({
      gc: (o) => {
        calls.push(o);
        if (calls.length === 3) setTimeout(() => busyFor(100), 0);
      },
      firstAfterMs: 200,
      everyMs: 20,
    });
    expect(await done).toBe(3);
  });

  it('stops, and the server keeps running, if the exposed gc throws', async () => {
    let calls = 0;
    const gc = () => {
      if (++calls === 2) throw new TypeError('unknown option');
    };
    expect(await releaseStartUpHeapWhenIdle({ gc, firstAfterMs: 200, everyMs: 20 })).toBe(1);
  });

  it('does nothing without an exposed gc (the server not started with --expose-gc)', async () => {
    expect(await releaseStartUpHeapWhenIdle({ gc: undefined, firstAfterMs: 1 })).toBe(0);
  });
});
