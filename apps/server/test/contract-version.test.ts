// SPEC §1 "Contract versions": a client may say its contract version in the handshake (the SDK always
// does); the server refuses another major with INCOMPATIBLE_CONTRACT and accepts a client that says none.
import semver from 'semver';
import { CONTRACT_VERSION } from '@bidwire/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { connectRaw, emitAck, refusal } from './raw-socket.js';
import { testDbProvider } from './support/test-database.js';

const major = semver.major(CONTRACT_VERSION);
const incompatible = { code: 'INCOMPATIBLE_CONTRACT', server: CONTRACT_VERSION };

// The handshake does not touch the database: once, in the sqlite project.
describe.runIf(testDbProvider() === 'sqlite')('contract version in the handshake', () => {
  let t: TestServer;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startServer();
    alice = await t.signIn('Alice');
  });
  afterAll(() => t?.close());

  it('the SDK sends the contract version it is built against, and is accepted', async () => {
    const client = await alice.connect();
    expect(client.state).toBe('connected');
    const sockets = await t.server.io.fetchSockets();
    expect(sockets.map((s) => s.handshake.auth)).toContainEqual({ token: alice.token, contract: CONTRACT_VERSION });
    client.close();
  });

  it.each([
    ['none', undefined],
    ['null', null],
    ['the same version', CONTRACT_VERSION],
    ['the same major, a later minor and patch', `${major}.999.7`],
    ['the same major, a prerelease', `${major}.0.0-beta.1`],
  ])('accepts a client that sends %s', async (_label, contract) => {
    const socket = await connectRaw(t.url, { token: alice.token, ...(contract === undefined ? {} : { contract }) });
    try {
      expect(socket.connected).toBe(true);
      expect((await emitAck(socket, 'timeSync', {})).ok).toBe(true);
    } finally {
      socket.close();
    }
  });

  it.each([`${major + 1}.0.0`, `${major + 12}.3.4`, ...(major > 0 ? [`${major - 1}.9.9`] : [])])(
    'refuses contract %s (another major) with the exact message and data',
    async (contract) => {
      const err = await refusal(t.url, { token: alice.token, contract });
      expect(err.message).toBe(`Incompatible client: contract ${contract}, server ${CONTRACT_VERSION}`);
      expect(err.data).toEqual(incompatible);
    },
  );

  it('checks the contract before the token: an app of another major is told to update, even signed out', async () => {
    const err = await refusal(t.url, { contract: `${major + 1}.0.0` });
    expect(err.message).toBe(`Incompatible client: contract ${major + 1}.0.0, server ${CONTRACT_VERSION}`);
    expect(err.data).toEqual(incompatible);
  });

  it.each([
    ['not semver', 'latest', '"latest"'],
    ['two parts', '1.2', '"1.2"'],
    ['an empty string', '', '""'],
    ['a number', 1, '1'],
    ['an object', { major: 1 }, '{"major":1}'],
    ['a long string (cut short)', 'x'.repeat(500), `"${'x'.repeat(60)}...`],
  ])('refuses a malformed version (%s) with INCOMPATIBLE_CONTRACT and a message that says why', async (_label, contract, shown) => {
    const err = await refusal(t.url, { token: alice.token, contract });
    expect(err.message).toBe(`Invalid contract version ${shown}: expected a semver version such as 1.4.0`);
    expect(err.data).toEqual(incompatible);
  });

  it('with a compatible contract, token errors are unchanged', async () => {
    const err = await refusal(t.url, { contract: CONTRACT_VERSION });
    expect(err.message).toBe('No token provided');
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
