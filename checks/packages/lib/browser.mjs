// The browser check: bundles the installed SDK for the browser (esbuild), serves it on localhost,
// and has headless Chromium (playwright-core, /usr/bin/chromium) run the bid against the real server.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { assert, fail, info, ok } from './log.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function checkBrowser(cwd, serverUrl) {
  const bundled = await build({
    entryPoints: [path.join(cwd, 'browser/page.mjs')],
    absWorkingDir: cwd,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0].contents;
  const html = await readFile(path.join(cwd, 'browser/index.html'));
  const pages = createServer((req, res) => {
    const body = req.url === '/page.js' ? script : req.url === '/' ? html : null;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(body);
  });
  await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://localhost:${pages.address().port}/`;
  info(`page (${(script.length / 1024).toFixed(0)} KB bundle) served on ${pageUrl}`);

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pageUrl);
    const outcome = await page.evaluate((url) => window.runBid(url), serverUrl).catch((e) => fail(`the bid failed in Chromium: ${e.message}\n${errors.join('\n')}`));
    for (const line of outcome.lines) info(`[chromium] ${line}`);
    assert(outcome.result.amount === 150, `Chromium's bid was not acknowledged: ${JSON.stringify(outcome.result)}`);
    ok(`a bid placed from ${outcome.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium'} was acknowledged`);
  } finally {
    await browser?.close();
    await new Promise((resolve) => pages.close(resolve));
  }
}
