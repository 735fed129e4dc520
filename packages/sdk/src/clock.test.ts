// The clock offset estimate: the formula and the choice of the shortest round trip.
import { describe, expect, it } from 'vitest';
import { bestSample, sampleOf, ServerClock } from './clock.js';

describe('clock offset', () => {
  it('offset = serverTime − (t0 + rtt / 2)', () => {
    expect(sampleOf(1_000, 5_050, 1_100)).toEqual({ offsetMs: 4_000, roundTripMs: 100 });
  });

  it('keeps the sample with the best round trip', () => {
    expect(bestSample([{ offsetMs: 10, roundTripMs: 80 }, { offsetMs: 3, roundTripMs: 12 }, { offsetMs: 7, roundTripMs: 40 }])).toEqual({
      offsetMs: 3,
      roundTripMs: 12,
    });
    expect(bestSample([])).toBeNull();
  });

  it('estimates a skewed local clock from several samples', async () => {
    let local = 0;
    const delays = [30, 4, 18];
    let i = 0;
    const clock = new ServerClock({
      now: () => local,
      samples: 3,
      refreshMs: 60_000,
      // The server is 5 s behind; the answer is taken halfway through each round trip.
      timeSync: async () => {
        const d = delays[i++]!;
        local += d / 2;
        const serverTime = local - 5_000;
        local += d / 2;
        return { serverTime };
      },
    });
    const best = await clock.sync();
    expect(best).toEqual({ offsetMs: -5_000, roundTripMs: 4 });
    expect(clock.offsetMs).toBe(-5_000);
    clock.stop();
  });
});
