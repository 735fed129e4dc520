// SPEC §2 external identity provider mode: tokens signed elsewhere (RS256 / ES256), verified against a
// JWKS the test serves itself; the user is upserted from the claims and works over REST and sockets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { createClient } from '@bidwire/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, whenConnected, type TestServer } from './harness.js';
import { http, refusal } from './raw-socket.js';

const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'bidwire-api';

interface Signer { kid: string; alg: 'RS256' | 'ES256'; key: CryptoKey }

async function signer(alg: 'RS256' | 'ES256', kid: string): Promise<{ signer: Signer; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { signer: { kid, alg, key: privateKey }, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(s: Signer, claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: s.alg, kid: s.kid })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '10m')
    .sign(s.key);
}

describe('external identity provider mode', () => {
  let jwks: Server;
  let t: TestServer;
  let rsa: Signer;
  let ec: Signer;
  let stranger: Signer;

  beforeAll(async () => {
    const a = await signer('RS256', 'rsa-1');
    const b = await signer('ES256', 'ec-1');
    stranger = (await signer('RS256', 'rsa-1')).signer; // same kid, another key: its signatures must fail
    rsa = a.signer;
    ec = b.signer;
    const body = JSON.stringify({ keys: [a.jwk, b.jwk] });
    jwks = createServer((req, res) => {
      if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startServer({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('upserts the user from the claims and serves REST and sockets with the provider’s tokens', async () => {
    const omarToken = await sign(rsa, { sub: 'idp|omar', name: 'Omar', picture: 'https://cdn.example.test/omar.png', roles: ['buyer'] });
    const petraToken = await sign(ec, { sub: 'idp|petra', preferred_username: 'Petra' });

    const omar = await http(t.url, 'GET', '/conversations', { token: omarToken });
    expect(omar.status).toBe(200);
    const omarRow = await t.server.db.user.findUnique({ where: { externalSub: 'idp|omar' } });
    expect(omarRow).toMatchObject({ name: 'Omar', avatarUrl: 'https://cdn.example.test/omar.png', roles: 'buyer', phone: null });
    // A second call does not create another user.
    await http(t.url, 'GET', '/conversations', { token: omarToken });
    expect(await t.server.db.user.count({ where: { externalSub: 'idp|omar' } })).toBe(1);

    const petraClient = createClient({ url: t.url, token: petraToken, socketOptions: { transports: ['websocket'], reconnection: false } });
    const omarClient = createClient({ url: t.url, token: omarToken, socketOptions: { transports: ['websocket'], reconnection: false } });
    try {
      await Promise.all([whenConnected(petraClient), whenConnected(omarClient)]);
      const petraRow = await t.server.db.user.findUnique({ where: { externalSub: 'idp|petra' } });
      expect(petraRow).toMatchObject({ name: 'Petra', roles: 'buyer,seller' });
      const created = await http(t.url, 'POST', '/conversations', { token: petraToken, body: { participantIds: [omarRow!.id] } });
      expect(created.status).toBe(201);
      await omarClient.joinConversation({ conversationId: created.body.id });
      const got = omarClient.waitFor('messageCreated');
      await petraClient.sendMessage({ conversationId: created.body.id, text: 'Hello from the IdP' });
      expect((await got).message.sender).toEqual({ id: petraRow!.id, name: 'Petra' });
      // Claims changing (a new name) update the user.
      const renamed = await sign(rsa, { sub: 'idp|omar', name: 'Omar K.' });
      expect((await http(t.url, 'GET', '/notifications/unread-count', { token: renamed })).status).toBe(200);
      expect((await t.server.db.user.findUnique({ where: { externalSub: 'idp|omar' } }))?.name).toBe('Omar K.');
    } finally {
      petraClient.close();
      omarClient.close();
    }
  });

  it('refuses a foreign key, another issuer or audience, an expired token, and HS256 forged with no secret', async () => {
    const bad = [
      await sign(stranger, { sub: 'idp|mallory', name: 'Mallory' }),
      await sign(rsa, { sub: 'idp|mallory' }, { iss: 'https://evil.example.test/' }),
      await sign(rsa, { sub: 'idp|mallory' }, { aud: 'someone-else' }),
      await sign(rsa, { sub: 'idp|mallory' }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      await new SignJWT({ sub: 'idp|mallory' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(32))),
    ];
    for (const token of bad) {
      const res = await http(t.url, 'GET', '/conversations', { token });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid or expired token' });
      const refused = await refusal(t.url, { token });
      expect(refused.message).toBe('Invalid or expired token');
    }
    expect(await t.server.db.user.count({ where: { externalSub: 'idp|mallory' } })).toBe(0);
  });

  it('the server’s own sign-in keeps working beside the provider', async () => {
    const local = await t.signIn('Local');
    const client = await local.connect();
    expect(typeof (await client.timeSync()).serverTime).toBe('number');
    expect((await local.rest.listConversations()).items).toEqual([]);
  });
});
