// The web app at `/`: its files, index.html for the app's own routes (client routing), the API's 404 shape
// for everything else, and a server that starts without the built app.
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../src/http/web-app.js';
import { startServer } from './harness.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function builtApp() {
  const root = mkdtempSync(path.join(tmpdir(), 'bidwire-web-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Bidwire</title><div id="root"></div>');
  writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
  return root;
}

async function appServing(root: string) {
  const lines: string[] = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
  // An API route, as the contract's routes are registered.
  app.get('/auctions/:id', async () => ({ id: 'a1' }));
  await registerWebApp(app, { root });
  await app.ready();
  return { app, lines };
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const notFound = (method: string, url: string) => ({ error: { code: 'NOT_FOUND', message: `Route ${method} ${url} not found.` } });

describe('web app', () => {
  it('serves index.html at / and for client routes, assets with a long cache', async () => {
    const { app } = await appServing(builtApp());
    const home = await app.inject({ url: '/', headers: html });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.body).toContain('<div id="root">');

    const room = await app.inject({ url: '/room/abc?tab=chat', headers: html });
    expect(room.statusCode).toBe(200);
    expect(room.body).toContain('<div id="root">');
    expect(room.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ url: '/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/auctions/a1' })).json()).toEqual({ id: 'a1' });
    await app.close();
  });

  it('keeps the API’s 404 shape for API paths, missing files, other methods and non-HTML requests', async () => {
    const { app } = await appServing(builtApp());
    for (const [method, url, headers] of [
      ['GET', '/auctions/a1/nothing-here', html],
      ['GET', '/conversations/c1/unknown', html],
      ['GET', '/socket.io/nope', html],
      ['GET', '/assets/missing.js', html],
      ['POST', '/room/abc', html],
      ['GET', '/room/abc', { accept: 'application/json' }],
    ] as const) {
      const res = await app.inject({ method, url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toEqual(notFound(method, url));
    }
    await app.close();
  });

  it('starts without the built app, logs a line, and answers 404 in the API’s shape at /', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'bidwire-web-'));
    dirs.push(empty);
    const { app, lines } = await appServing(empty);
    const home = await app.inject({ url: '/', headers: html });
    expect(home.statusCode).toBe(404);
    expect(home.json()).toEqual(notFound('GET', '/'));
    expect(lines.join('')).toContain('the web app is not built');
    await app.close();
  });

  it('is wired into the server: unknown routes answer in the API’s shape', async () => {
    await using t = await startServer();
    const res = await fetch(`${t.url}/no/such/route`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(notFound('GET', '/no/such/route'));
  });
});
