// The docs the server serves: the build's files when they are there (dist/docs), the same documents
// generated in process otherwise; and an ephemeral event cannot reach the docs without saying who gets it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import * as z from 'zod';
import { event } from '@bidwire/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { registerDocsRoutes } from '../http/docs-routes.js';
import { eventDelivery } from './delivery.js';
import { DOC_FILES, docsFrom } from './docs.js';
import { generateDocs, serializeDocs } from './generated-docs.js';

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** The files `write-docs.ts` writes, in a fresh directory. */
function built(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-docs-'));
  for (const [name, text] of Object.entries(serializeDocs())) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('docs source', () => {
  it('without built files, the documents are generated in process', async () => {
    const source = await docsFrom(path.join(tmpdir(), 'no-such-dir-bidwire'));
    expect(source.origin).toBe('generated');
    expect(JSON.parse(source.asyncapiJson())).toEqual(generateDocs().asyncapi);
  });

  it('with built files, those are served as they are', async () => {
    const dir = built();
    // Mark the built files, to tell them apart from generated ones.
    const asyncapi = JSON.parse(readFileSync(path.join(dir, DOC_FILES.asyncapi), 'utf8'));
    asyncapi.info.title = 'built';
    writeFileSync(path.join(dir, DOC_FILES.asyncapi), JSON.stringify(asyncapi));
    writeFileSync(path.join(dir, DOC_FILES.eventsHtml), '<!doctype html><title>built</title>');
    const source = await docsFrom(dir);
    expect(source.origin).toBe('built');

    const app = Fastify();
    apps.push(app);
    await registerDocsRoutes(app, source);
    const a = await app.inject({ url: '/asyncapi.json' });
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(a.json().info.title).toBe('built');
    const page = await app.inject({ url: '/docs/events' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toBe('<!doctype html><title>built</title>');
    const openapi = await app.inject({ url: '/docs/json' });
    expect(openapi.json()).toEqual(generateDocs().openapi);
  });

  it('a missing file means no build: everything is generated', async () => {
    const dir = built();
    writeFileSync(path.join(dir, DOC_FILES.openapi), '{}');
    expect((await docsFrom(dir)).origin).toBe('built');
    const partial = mkdtempSync(path.join(tmpdir(), 'bidwire-docs-'));
    writeFileSync(path.join(partial, DOC_FILES.asyncapi), '{}');
    expect((await docsFrom(partial)).origin).toBe('generated');
  });
});

describe('event delivery in the docs', () => {
  it('an ephemeral event without an audience fails the docs build', () => {
    const def = event({ scope: 'ephemeral', description: 'Something.', payload: z.object({ id: z.string() }) });
    expect(() => eventDelivery('something', def)).toThrow('Ephemeral event something needs an audience in the contract.');
  });

  it('a room event says its room, that it carries seq, and the command that joins the room', () => {
    const def = event({ scope: 'room', room: { room: 'auction', idField: 'auctionId' }, description: 'x', payload: z.object({ auctionId: z.string() }) });
    expect(eventDelivery('x', def)).toEqual({
      room: 'auction:<auctionId>',
      seq: 'yes',
      audience: 'Every socket in the auction room auction:<auctionId> (joined with joinAuction).',
    });
  });
});
