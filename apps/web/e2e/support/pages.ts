// Steps and checks the end-to-end tests share: signing in through the UI or the SDK, reading pages,
// accessibility and console checks.
import { createClient, createRestClient, type BidwireClient } from '@bidwire/sdk';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ConsoleEntry, TestPage } from './browser.js';

export const LONG = { timeout: 20_000 };

export async function signIn(p: TestPage, url: string, phone: string, name: string, shot?: string) {
  await p.page.goto(url);
  await p.page.getByLabel('Phone number').fill(phone);
  await p.page.getByLabel('Your name').fill(name);
  await expectLabelled(p.page, 'sign in');
  await p.page.getByRole('button', { name: 'Send me a code' }).click();
  await p.page.getByTestId('dev-code').waitFor(LONG);
  const code = (await p.page.getByTestId('dev-code').locator('strong').innerText()).trim();
  expect(await p.page.getByLabel('Sign-in code').inputValue()).toBe(code);
  if (shot) await p.screenshot(shot);
  await p.page.getByRole('button', { name: 'Sign in' }).click();
  await p.page.getByTestId('me').filter({ hasText: name }).waitFor(LONG);
  await p.page.locator('[data-connection="connected"]').waitFor(LONG);
}

export async function signInSdk(url: string, phone: string, name: string): Promise<BidwireClient> {
  const rest = createRestClient({ baseUrl: url });
  const { devCode } = await rest.requestOtp({ body: { phone } });
  const { accessToken } = await rest.verifyOtp({ body: { phone, code: devCode!, name } });
  const client = createClient({ url, token: accessToken, socketOptions: { transports: ['websocket'] } });
  await new Promise<void>((resolve, reject) => {
    client.onState((s) => s === 'connected' && resolve());
    client.onConnectError((e) => reject(new Error(e.message)));
  });
  return client;
}

export const userIdOf = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem('bidwire.session') ?? 'null') as { user: { id: string } }).user.id);

/** Both pages show the same time left (a read may straddle a second boundary: at most 1 s apart). */
export async function expectSameCountdown(a: Page, b: Page) {
  const seconds = async (p: Page) => {
    const text = await p.getByTestId('countdown').innerText();
    const [m, s] = text.split(':').map(Number);
    return m! * 60 + s!;
  };
  await a.getByTestId('countdown').waitFor();
  await b.getByTestId('countdown').waitFor();
  const [x, y] = await Promise.all([seconds(a), seconds(b)]);
  expect(x).toBeGreaterThan(0);
  expect(Math.abs(x - y)).toBeLessThanOrEqual(1);
}

/** Every form control and button on the page has an accessible name. */
export async function expectLabelled(page: Page, screen: string) {
  const unlabelled = await page.evaluate(() => {
    const nameOf = (el: Element) =>
      el.getAttribute('aria-label') ||
      (el.getAttribute('aria-labelledby') ? document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent : '') ||
      ('labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent).join(' ') : '') ||
      (el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent : '');
    return Array.from(document.querySelectorAll('input, select, textarea, button, a[href]'))
      .filter((el) => !(nameOf(el) ?? '').trim())
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unlabelled, `unlabelled controls on the ${screen} screen`).toEqual([]);
}

/** Console errors, leaving out the browser's own network errors during the given outages (server down on purpose). */
export function networkErrorsOutside(errors: ConsoleEntry[], outages: Array<{ from: number; to: number }>): string[] {
  return errors
    .filter((e) => !outages.some((o) => e.at >= o.from && e.at <= o.to && /WebSocket connection|net::ERR_|Failed to load resource/.test(e.text)))
    .map((e) => e.text);
}
