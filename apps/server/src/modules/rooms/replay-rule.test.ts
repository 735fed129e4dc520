import { describe, expect, it } from 'vitest';
import { EVENT_JSON_OVERHEAD, pageLength, replayDecision } from './replay-rule.js';

const limits = { maxEvents: 10, maxBytes: 1_000, maxGap: 100 };

describe('replayDecision', () => {
  it('replays a contiguous tail that reaches the current seq', () => {
    expect(replayDecision(2, 5, [3, 4, 5], limits)).toBe('events');
    expect(replayDecision(0, 1, [1], limits)).toBe('events');
  });
  it('replays a full page that stops before the current seq (more pages follow)', () => {
    expect(replayDecision(0, 50, [1, 2, 3], { ...limits, maxEvents: 3 })).toBe('events');
  });
  it('answers no events when the client is up to date', () => {
    expect(replayDecision(5, 5, [], limits)).toBe('events');
    expect(replayDecision(0, 0, [], limits)).toBe('events');
  });
  it('snapshots when the oldest needed event was pruned', () => {
    expect(replayDecision(2, 6, [4, 5, 6], limits)).toBe('snapshot');
    expect(replayDecision(2, 6, [], limits)).toBe('snapshot');
  });
  it('snapshots when the log has a hole or is short', () => {
    expect(replayDecision(2, 6, [3, 5, 6], limits)).toBe('snapshot');
    expect(replayDecision(2, 6, [3, 4, 5], limits)).toBe('snapshot');
  });
  it('snapshots a client ahead of the room and a gap larger than the replay limit', () => {
    expect(replayDecision(9, 5, [], limits)).toBe('snapshot');
    expect(replayDecision(0, 4, [1, 2, 3, 4], { ...limits, maxGap: 3 })).toBe('snapshot');
  });
});

describe('pageLength', () => {
  const size = 100 - EVENT_JSON_OVERHEAD; // each event takes 100 bytes in the answer
  it('keeps the events that fit in the byte cap', () => {
    expect(pageLength([size, size, size, size], 250)).toBe(2);
    expect(pageLength([size, size], 200)).toBe(2);
    expect(pageLength([size, size, size], 1_000)).toBe(3);
  });
  it('always keeps one event, however large', () => {
    expect(pageLength([5_000, size], 250)).toBe(1);
    expect(pageLength([], 250)).toBe(0);
  });
});
