// Chromium through playwright-core (Debian's /usr/bin/chromium, no download), with each page's console
// errors collected so a test can require there were none.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e-results');

/** Without Chromium the tests are skipped with a notice, except in CI (CI=true), where that is a failure. */
export const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runnable) console.warn(`\n*** SKIPPING the end-to-end tests: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH; CI would fail) ***\n`);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ConsoleEntry {
  at: number;
  text: string;
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, with when they happened. */
  errors: ConsoleEntry[];
  screenshot(name: string): Promise<void>;
}

export async function openPage(browser: Browser, name: string): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 860 } });
  const page = await context.newPage();
  const errors: ConsoleEntry[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push({ at: Date.now(), text: `${name}: ${msg.text()}` });
  });
  page.on('pageerror', (err) => errors.push({ at: Date.now(), text: `${name}: uncaught ${err.message}` }));
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    context,
    page,
    errors,
    screenshot: async (shot) => {
      await page.screenshot({ path: path.join(RESULTS_DIR, `${shot}.png`), fullPage: true });
    },
  };
}
