import { describe, expect, it } from 'vitest';
import { createLocalGameConnections } from './game-connections.js';

describe('local game connections', () => {
  it('connects a player at their first socket and disconnects them at their last, per game', async () => {
    const c = createLocalGameConnections();
    expect(await c.add('g1', 'u', 's1')).toBe(true);
    expect(await c.add('g1', 'u', 's2')).toBe(false);
    expect(await c.add('g2', 'u', 's1')).toBe(true);
    expect(await c.connected('g1')).toEqual(new Set(['u']));
    expect(await c.remove('g1', 'u', 's1')).toBe(false);
    expect(await c.remove('g1', 'u', 's1')).toBe(false); // already gone: not the last again
    expect(await c.remove('g1', 'u', 's2')).toBe(true);
    expect(await c.connected('g1')).toEqual(new Set());
    expect(await c.connected('g2')).toEqual(new Set(['u']));
    expect(await c.remove('g3', 'x', 's9')).toBe(false);
  });
});
