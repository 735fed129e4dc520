import { describe, expect, it } from 'vitest';
import { replayDecision } from './replay-rule.js';

describe('replayDecision', () => {
  it('replays a contiguous tail that reaches the current seq', () => {
    expect(replayDecision(2, 5, [3, 4, 5], 10)).toBe('events');
    expect(replayDecision(0, 1, [1], 10)).toBe('events');
  });
  it('answers no events when the client is up to date', () => {
    expect(replayDecision(5, 5, [], 10)).toBe('events');
    expect(replayDecision(0, 0, [], 10)).toBe('events');
  });
  it('snapshots when the oldest needed event was pruned', () => {
    expect(replayDecision(2, 6, [4, 5, 6], 10)).toBe('snapshot');
  });
  it('snapshots when the log has a hole or is short', () => {
    expect(replayDecision(2, 6, [3, 5, 6], 10)).toBe('snapshot');
    expect(replayDecision(2, 6, [3, 4, 5], 10)).toBe('snapshot');
  });
  it('snapshots a client ahead of the room and a gap larger than the replay limit', () => {
    expect(replayDecision(9, 5, [], 10)).toBe('snapshot');
    expect(replayDecision(0, 4, [1, 2, 3, 4], 3)).toBe('snapshot');
  });
});
