// SPEC §7 clock sync: with a client clock 5 s off, serverNow() agrees with the server within 50 ms.
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.js';
import { resilientClient } from './support/resilient-client.js';

describe('clock sync', () => {
  it.each([5_000, -7_500])('estimates the offset of a client clock skewed by %i ms', async (skew) => {
    await using t = await startServer();
    const user = await t.signIn('Clocky');
    const client = await resilientClient(t.url, { token: user.token }, { now: () => Date.now() + skew });
    const sample = await client.syncClock();
    expect(sample).not.toBeNull();
    expect(sample!.roundTripMs).toBeLessThan(50);
    expect(Math.abs(client.clockOffset + skew)).toBeLessThan(50);
    // The server runs on this machine: its clock is Date.now().
    expect(Math.abs(client.serverNow() - Date.now())).toBeLessThan(50);
  });

  it('starts measuring on the first serverNow() call', async () => {
    await using t = await startServer();
    const user = await t.signIn('Lazy');
    const client = await resilientClient(t.url, { token: user.token }, { now: () => Date.now() - 3_000 });
    expect(client.clockOffset).toBe(0);
    client.serverNow();
    const deadline = Date.now() + 3_000;
    while (client.clockOffset === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(Math.abs(client.serverNow() - Date.now())).toBeLessThan(50);
  });
});
