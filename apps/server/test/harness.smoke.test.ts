import { expect, it } from 'vitest';
import { startServer } from './harness.js';

it('starts a server, signs a user in and connects the SDK', async () => {
  await using t = await startServer();
  const alice = await t.signIn('Alice');
  const client = await alice.connect();
  const { serverTime } = await client.timeSync();
  expect(Math.abs(serverTime - Date.now())).toBeLessThan(5_000);
});
