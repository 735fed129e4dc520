// A session outlives its access tokens: with 4-second tokens the server ends the socket's session again and
// again (sessionExpired), and the app gets fresh tokens through getToken (REST refresh) and carries on —
// still signed in, connected, and able to use both the socket and REST — with no console errors. Also: a
// refused sign-in request shows the server's readable message.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, runnable, type TestPage } from './support/browser.js';
import { LONG, networkErrorsOutside, signIn } from './support/pages.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

describe.runIf(runnable)('sessions in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let seller: TestPage;

  beforeAll(async () => {
    server = await startServerProcess({ ACCESS_TOKEN_TTL_SECONDS: '4' });
    browser = await launch();
    seller = await openPage(browser, 'seller');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('keeps a tab signed in and connected across access-token expiries', async () => {
    const { page } = seller;
    const expiries: number[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => typeof f.payload === 'string' && f.payload.includes('sessionExpired') && expiries.push(Date.now())));
    // A refused request reads as the server's sentence, with what was wrong with the field.
    const refused = { from: Date.now(), to: Number.POSITIVE_INFINITY };
    await page.goto(server.url);
    await page.getByLabel('Phone number').fill('12345');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('alert').filter({ hasText: 'phone: Phone must be in E.164 format, e.g. +15551234567' }).waitFor(LONG);
    refused.to = Date.now();
    await seller.screenshot('sign-in-error');

    await signIn(seller, server.url, '+15550200001', 'Sam');
    await page.getByRole('link', { name: 'New auction' }).first().click();
    await page.getByLabel('Title').fill('Tea tasting');
    await page.getByRole('button', { name: 'Create auction' }).click();
    await page.getByRole('button', { name: 'Start auction' }).click();
    await page.getByTestId('broadcaster').filter({ hasText: 'Sam is broadcasting live' }).waitFor(LONG);

    // The socket's session ends at least twice (a token lives 4 s).
    await waitUntil(() => expiries.length >= 2, 20_000);

    // A socket command and a REST call, both with fresh tokens.
    await page.locator('[data-connection="connected"]').waitFor(LONG);
    await page.getByLabel('Product').fill('Oolong, 100 g');
    await page.getByLabel('Starting price').fill('5.00');
    await page.getByRole('button', { name: 'Open lot' }).click();
    await page.getByRole('heading', { name: 'Oolong, 100 g' }).waitFor(LONG);
    await page.getByRole('link', { name: 'Auctions' }).click();
    await page.getByRole('link', { name: /Tea tasting/ }).waitFor(LONG);
    await page.getByTestId('me').filter({ hasText: 'Sam' }).waitFor();
    // The browser logs the 400 of the refused request; nothing else.
    expect(networkErrorsOutside(seller.errors, [refused])).toEqual([]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
