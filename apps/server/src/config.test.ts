import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration of the shutdown and of slow consumers', () => {
  it('defaults: a 10 s grace period, 512 KB of pending output per connection', () => {
    const config = loadConfig({});
    expect(config.shutdownGraceMs).toBe(10_000);
    expect(config.socketMaxPendingBytes).toBe(512 * 1024);
  });

  it('takes valid values', () => {
    const config = loadConfig({ SHUTDOWN_GRACE_MS: '30000', SOCKET_MAX_PENDING_BYTES: '1048576' });
    expect(config.shutdownGraceMs).toBe(30_000);
    expect(config.socketMaxPendingBytes).toBe(1_048_576);
  });

  it.each([
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['SHUTDOWN_GRACE_MS', 'ten seconds'],
    ['SHUTDOWN_GRACE_MS', '600001'],
    ['SOCKET_MAX_PENDING_BYTES', '1024'],
    ['SOCKET_MAX_PENDING_BYTES', '1.5'],
    ['SOCKET_MAX_PENDING_BYTES', String(65 * 1024 * 1024)],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });
});

describe('GAME_REMOVE_AFTER_MS', () => {
  it('defaults to 60 s and refuses a bad value, naming the variable', () => {
    expect(loadConfig({}).gameRemoveAfterMs).toBe(60_000);
    expect(loadConfig({ GAME_REMOVE_AFTER_MS: '1500' }).gameRemoveAfterMs).toBe(1_500);
    for (const bad of ['0', '-5', 'soon', '1.5', String(25 * 3600 * 1000)]) {
      expect(() => loadConfig({ GAME_REMOVE_AFTER_MS: bad }), bad).toThrow(/GAME_REMOVE_AFTER_MS/);
    }
  });
});
