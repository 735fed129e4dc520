import { describe, expect, it } from 'vitest';
import { createKeyedBatcher, type Settled } from './keyed-batcher.js';

/** A run whose batches finish only when the test releases them. */
function controlledRun() {
  const batches: { key: string; requests: number[]; release: (outcomes?: Settled<string>[] | Error) => void }[] = [];
  const run = (key: string, requests: number[]) =>
    new Promise<Settled<string>[]>((resolve, reject) => {
      batches.push({
        key,
        requests,
        release: (outcomes) => {
          if (outcomes instanceof Error) reject(outcomes);
          else resolve(outcomes ?? requests.map((r) => ({ ok: true, value: `${key}:${r}` })));
        },
      });
    });
  return { batches, run };
}
/** A few turns of the event loop: the batcher waits one turn before each batch. */
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('keyed batcher', () => {
  it('runs the first request at once, then batches in arrival order the requests that arrived meanwhile', async () => {
    const { batches, run } = controlledRun();
    const batcher = createKeyedBatcher(run, 100);
    const results = [1, 2, 3].map((n) => batcher.submit('a', n));
    expect(batches.map((b) => b.requests)).toEqual([[1]]); // no waiting for company when the key is quiet
    results.push(...[4, 5].map((n) => batcher.submit('a', n)));
    await tick();
    expect(batches).toHaveLength(1); // one batch at a time per key
    batches[0]!.release();
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1], [2, 3, 4, 5]]);
    batches[1]!.release();
    expect(await Promise.all(results)).toEqual(['a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
    await tick();
    const later = batcher.submit('a', 6); // the key went quiet: at once again
    expect(batches.map((b) => b.requests)).toEqual([[1], [2, 3, 4, 5], [6]]);
    batches[2]!.release();
    expect(await later).toBe('a:6');
  });

  it('with gatherFirst, the first batch after a quiet spell takes every request of its turn', async () => {
    const { batches, run } = controlledRun();
    const batcher = createKeyedBatcher(run, 100, { gatherFirst: true });
    const results = [1, 2].map((n) => batcher.submit('a', n));
    expect(batches).toHaveLength(0); // not at once: the turn is not over
    results.push(batcher.submit('a', 3)); // received later in the same turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.map((b) => b.requests)).toEqual([[1, 2, 3]]);
    results.push(batcher.submit('a', 4)); // arrives while the batch runs: the next batch, as without gatherFirst
    batches[0]!.release();
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1, 2, 3], [4]]);
    batches[1]!.release();
    expect(await Promise.all(results)).toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
  });

  it('keeps keys independent: a slow key does not hold back another', async () => {
    const { batches, run } = controlledRun();
    const batcher = createKeyedBatcher(run, 100);
    void batcher.submit('slow', 1);
    const fast = batcher.submit('fast', 2);
    await tick();
    expect(batches.map((b) => b.key)).toEqual(['slow', 'fast']);
    batches[1]!.release();
    expect(await fast).toBe('fast:2');
  });

  it('caps a batch at maxBatch', async () => {
    const { batches, run } = controlledRun();
    const batcher = createKeyedBatcher(run, 2);
    const results = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit('a', n));
    for (let i = 0; i < 4; i++) {
      await tick();
      batches[i]?.release();
    }
    await Promise.all(results);
    expect(batches.map((b) => b.requests)).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('settles each request with its own outcome, and fails the whole batch when the run throws', async () => {
    const { batches, run } = controlledRun();
    const batcher = createKeyedBatcher(run, 100);
    const first = batcher.submit('a', 1);
    await tick();
    const rest = [2, 3].map((n) => batcher.submit('a', n).catch((e: Error) => `failed: ${e.message}`));
    batches[0]!.release([{ ok: false, error: new Error('too low') }]);
    await expect(first).rejects.toThrow('too low');
    await tick();
    batches[1]!.release(new Error('database gone'));
    expect(await Promise.all(rest)).toEqual(['failed: database gone', 'failed: database gone']);
    // The key is usable again afterwards.
    const again = batcher.submit('a', 9);
    await tick();
    batches[2]!.release();
    expect(await again).toBe('a:9');
  });
});
