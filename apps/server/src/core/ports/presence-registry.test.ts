import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalPresenceRegistry } from './presence-registry.js';

describe('local presence registry', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('two tabs: online once, offline only after the last one and the grace period', async () => {
    const r = createLocalPresenceRegistry(5_000);
    const offline: string[] = [];
    r.onOffline((u) => offline.push(u));
    expect(await r.socketConnected('u', 's1')).toBe(true);
    expect(await r.socketConnected('u', 's2')).toBe(false);
    await r.socketDisconnected('u', 's1', new Date());
    vi.advanceTimersByTime(10_000);
    expect(offline).toEqual([]);
    await r.socketDisconnected('u', 's2', new Date());
    expect(await r.online(['u'])).toEqual(new Set(['u']));
    vi.advanceTimersByTime(4_999);
    expect(offline).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(offline).toEqual(['u']);
    expect(await r.online(['u'])).toEqual(new Set());
    r.close();
  });

  it('a reload inside the grace period changes nothing', async () => {
    const r = createLocalPresenceRegistry(5_000);
    const offline: string[] = [];
    r.onOffline((u) => offline.push(u));
    await r.socketConnected('u', 's1');
    await r.socketDisconnected('u', 's1', new Date());
    vi.advanceTimersByTime(2_000);
    expect(await r.socketConnected('u', 's2')).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(offline).toEqual([]);
    r.close();
  });

  it('an unknown socket going away is ignored', async () => {
    const r = createLocalPresenceRegistry(10);
    await r.socketDisconnected('nobody', 'x', new Date());
    expect(await r.online(['nobody'])).toEqual(new Set());
    r.close();
  });
});
