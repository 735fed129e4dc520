// Every REST refusal is in the API's `{ error: { code, message } }` shape (SPEC §1), including the ones made
// before any route runs: by Fastify's router (unknown routes, malformed percent-encoding, an over-long path
// segment) and by Node's HTTP parser (request line or headers over its limit, broken HTTP). Sent as raw bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from './harness.js';
import { get, rawHttp, type RawHttpResponse } from './support/raw-http.js';

/** The API's error shape, exactly: one `error` with a code and a sentence. */
function expectApiError(res: RawHttpResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json).toEqual({ error: { code, message: expect.stringMatching(/^[A-Z].+\.$/) } });
}

describe('REST errors before any route runs', () => {
  let t: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    t = await startServer();
    user = await t.signIn('Alice');
  });
  afterAll(() => t?.close());

  it('unknown routes, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'PUT']) {
      const res = await rawHttp(t.url, `${method} /no/such/route HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expectApiError(res, 404, 'NOT_FOUND');
    }
  });

  it('a malformed percent-encoding in the path (FST_ERR_BAD_URL)', async () => {
    expectApiError(await rawHttp(t.url, get('/auctions/%E0%A4%A')), 400, 'VALIDATION_FAILED');
    expectApiError(await rawHttp(t.url, get('/auctions/%zz', { authorization: `Bearer ${user.token}` })), 400, 'VALIDATION_FAILED');
  });

  it('an id over the path parameter limit is 414; one over the id schema but under the limit is 400', async () => {
    const long = await rawHttp(t.url, get(`/auctions/${'a'.repeat(5_000)}`, { authorization: `Bearer ${user.token}` }));
    expectApiError(long, 414, 'VALIDATION_FAILED');
    const overSchema = await rawHttp(t.url, get(`/auctions/${'a'.repeat(65)}`, { authorization: `Bearer ${user.token}` }));
    expect(overSchema.status).toBe(400);
    expect(overSchema.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'id' })] } } });
  });

  it('a query string or a header over the HTTP parser’s limit is 431', async () => {
    expectApiError(await rawHttp(t.url, get(`/auctions?status=${'x'.repeat(20_000)}`)), 431, 'VALIDATION_FAILED');
    expectApiError(await rawHttp(t.url, get('/auctions', { 'x-padding': 'y'.repeat(20_000) })), 431, 'VALIDATION_FAILED');
  });

  it('broken HTTP is 400', async () => {
    expectApiError(await rawHttp(t.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nThis is not a header\r\n\r\n'), 400, 'VALIDATION_FAILED');
  });

  it('the server keeps serving', async () => {
    const res = await rawHttp(t.url, get('/healthz'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok' });
  });
});
