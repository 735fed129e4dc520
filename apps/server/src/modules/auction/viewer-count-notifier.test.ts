import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createViewerCountNotifier } from './viewer-count-notifier.js';

describe('viewer count notifier', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a change at once, then at most once per second with the last value', () => {
    const sent: number[] = [];
    const n = createViewerCountNotifier((_id, count) => sent.push(count), 1000, Date.now);
    n.changed('a', 1);
    n.changed('a', 2);
    n.changed('a', 3);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1, 3]);
    n.changed('a', 3); // no change: nothing to send
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([1, 3]);
    n.close();
  });

  it('waits 1 ms per viewer of the last count sent once a room passes 1,000', () => {
    const sent: number[] = [];
    const n = createViewerCountNotifier((_id, count) => sent.push(count), 1000, Date.now);
    n.changed('a', 4_000);
    n.changed('a', 4_001);
    vi.advanceTimersByTime(3_999);
    expect(sent).toEqual([4_000]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([4_000, 4_001]);
    n.close();
  });
});
