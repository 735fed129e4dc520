// The typing sender sends few commands: true once, refreshed while typing continues, false when idle or stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingSender } from './typing-sender.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createTypingSender', () => {
  it('true on the first keystroke, again after refreshMs, false after idleMs', () => {
    const sent: boolean[] = [];
    const typing = createTypingSender((v) => sent.push(v), { refreshMs: 3_000, idleMs: 2_000 });
    for (let i = 0; i < 10; i++) {
      typing.input();
      vi.advanceTimersByTime(500);
    }
    expect(sent).toEqual([true, true]); // 0 s and 3 s
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual([true, true, false]);
    typing.stop();
    expect(sent).toEqual([true, true, false]);
  });

  it('stop() sends false at once when typing', () => {
    const sent: boolean[] = [];
    const typing = createTypingSender((v) => sent.push(v));
    typing.input();
    typing.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
