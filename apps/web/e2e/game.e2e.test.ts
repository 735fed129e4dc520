// A short auction game in Chromium, three people in three browser contexts against the built server: the
// creator sets it up, the others join from the games list, everyone gets ready, the creator starts; round 1's
// seller puts up a bundle from their inventory, the others bid (keyboard, the minimum prefilled, a refusal in
// the server's words), the round settles by itself and reveals the bundle, money and items move; round 2 goes
// unsold and the game ends on the same leaderboard everywhere. Countdowns agree; no console errors.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, runnable, type TestPage } from './support/browser.js';
import { expectLabelled, expectSameCountdown, LONG, signIn } from './support/pages.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

describe.runIf(runnable)('an auction game in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let gia: TestPage;
  let hal: TestPage;
  let ivy: TestPage;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launch();
    const pages = await Promise.all(['gia', 'hal', 'ivy'].map((name) => openPage(browser, name)));
    [gia, hal, ivy] = [pages[0]!, pages[1]!, pages[2]!];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('plays a two-round game with three players', async () => {
    const everyone = () => [gia, hal, ivy];
    const run = async () => {
      await signIn(gia, server.url, '+15550300001', 'Gia');
      await signIn(hal, server.url, '+15550300002', 'Hal');
      await signIn(ivy, server.url, '+15550300003', 'Ivy');

      // Gia creates a game for three, two rounds, short timers.
      await gia.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Games' }).click();
      await gia.page.getByRole('link', { name: 'New game' }).click();
      await gia.page.getByLabel('Title').fill('Spice run');
      await gia.page.getByLabel('Players (2–16)').fill('3');
      await gia.page.getByLabel('Rounds (1–200)').fill('2');
      await gia.page.getByLabel('Bid time in seconds').fill('4');
      await gia.page.getByLabel('Sell time in seconds').fill('30');
      await expectLabelled(gia.page, 'new game');
      await gia.screenshot('game-create');
      await gia.page.getByRole('button', { name: 'Create game' }).click();
      await gia.page.getByRole('heading', { name: 'Lobby' }).waitFor(LONG);
      await gia.page.getByTestId('players').filter({ hasText: 'Gia (you)' }).waitFor(LONG);

      // Hal and Ivy join from the games list.
      for (const p of [hal, ivy]) {
        await p.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Games' }).click();
        await p.page.getByRole('link', { name: 'Join Spice run' }).click();
        await p.page.getByRole('heading', { name: 'Lobby' }).waitFor(LONG);
      }
      await expectLabelled(ivy.page, 'games list');
      await gia.page.getByTestId('players').locator('li').nth(2).filter({ hasText: 'Ivy' }).waitFor(LONG);
      expect(await gia.page.getByRole('button', { name: 'Start game' }).isDisabled()).toBe(true);

      // Everyone gets ready (Ivy with the keyboard); then Gia can start.
      await gia.page.getByRole('button', { name: 'I’m ready' }).click();
      await hal.page.getByRole('button', { name: 'I’m ready' }).click();
      await ivy.page.getByRole('button', { name: 'I’m ready' }).focus();
      await ivy.page.keyboard.press('Enter');
      await ivy.page.getByRole('button', { name: 'I’m not ready' }).waitFor(LONG);
      await gia.page.getByTestId('start-hint').filter({ hasText: 'Everyone is ready' }).waitFor(LONG);
      await expectLabelled(gia.page, 'lobby');
      await gia.screenshot('game-lobby');
      await gia.page.getByRole('button', { name: 'Start game' }).click();

      // Round 1: Gia sells (join order); everybody sees the same countdown.
      for (const p of everyone()) await p.page.getByRole('heading', { name: 'Round 1 of 2' }).waitFor(LONG);
      await hal.page.getByTestId('phase').filter({ hasText: 'Gia is choosing a bundle' }).waitFor(LONG);
      await expectSameCountdown(gia.page, hal.page);
      await expectSameCountdown(hal.page, ivy.page);
      // Other players show money and an item count, never the items.
      await hal.page.getByTestId('players').locator('li', { hasText: 'Ivy' }).filter({ hasText: '$100.00 · 9 items' }).waitFor();
      await hal.page.getByTestId('my-inventory').filter({ hasText: 'Saffron' }).waitFor();
      const saffron = gia.page.getByLabel('Saffron');
      await saffron.fill('2');
      await gia.page.getByTestId('sale-weight').filter({ hasText: 'weight: 1' }).waitFor();
      await expectLabelled(gia.page, 'sale form');
      await gia.screenshot('game-sell');
      await saffron.press('Enter');
      await gia.page.getByTestId('my-sale').filter({ hasText: 'You are selling 2 × Saffron' }).waitFor(LONG);

      // Hal bids the prefilled minimum with Enter, Ivy outbids, Hal's low bid is refused in the server's words.
      for (const p of [hal, ivy]) await p.page.getByTestId('bundle-weight').filter({ hasText: '1' }).waitFor(LONG);
      const halBid = hal.page.getByLabel('Your bid (USD)');
      await hal.page.getByTestId('minimum-game-bid').filter({ hasText: 'Minimum bid: $0.01 · You have $100.00' }).waitFor(LONG);
      await halBid.press('Enter');
      await ivy.page.getByTestId('game-highest-bid').filter({ hasText: '$0.01 by Hal' }).waitFor(LONG);
      await ivy.page.getByLabel('Your bid (USD)').fill('1.00');
      await ivy.page.getByLabel('Your bid (USD)').press('Enter');
      await hal.page.getByTestId('minimum-game-bid').filter({ hasText: 'Minimum bid: $1.01' }).waitFor(LONG);
      await halBid.fill('0.50');
      await halBid.press('Enter');
      await hal.page.getByRole('alert').filter({ hasText: 'Bid must be higher than the current bid (100)' }).waitFor(LONG);
      await expectLabelled(hal.page, 'table');
      await hal.screenshot('game-bidding');
      await gia.page.getByTestId('round-bids').filter({ hasText: 'Ivy' }).waitFor(LONG);

      // The round settles by itself: the bundle is revealed to all, money and items move.
      for (const p of everyone()) {
        await p.page
          .getByTestId('round-results')
          .filter({ hasText: /bought .*2 × Saffron \(weight 1, worth \$24\.00\) for \$1\.00/ })
          .waitFor({ timeout: 20_000 });
      }
      await ivy.page.getByTestId('my-money').filter({ hasText: '$99.00' }).waitFor(LONG);
      await ivy.page.getByTestId('my-inventory').locator('li', { hasText: 'Saffron' }).filter({ hasText: '5' }).waitFor();
      await gia.page.getByTestId('my-money').filter({ hasText: '$101.00' }).waitFor(LONG);
      await hal.page.getByTestId('players').locator('li', { hasText: 'Ivy' }).filter({ hasText: '$99.00 · 11 items' }).waitFor(LONG);
      await ivy.page.getByTestId('round-results').filter({ hasText: 'You bought Gia’s' }).waitFor();
      await ivy.screenshot('game-round-results');

      // Round 2: Hal sells a pepper, nobody bids; it stays with him and the game ends.
      await hal.page.getByRole('heading', { name: 'Round 2 of 2' }).waitFor(LONG);
      await hal.page.getByLabel('Pepper').fill('1');
      await hal.page.getByRole('button', { name: 'Put up for sale' }).click();
      await gia.page.getByTestId('bundle-weight').filter({ hasText: '2' }).waitFor(LONG);
      for (const p of everyone()) await p.page.getByRole('heading', { name: 'Final leaderboard' }).waitFor({ timeout: 20_000 });

      // The same leaderboard everywhere: Ivy (99 + 5×12 + 4×3 + 2×6), Hal (100 + 60), Gia (101 + 1×12 + 12 + 12).
      for (const p of everyone()) {
        const rows = await p.page.getByTestId('leaderboard').locator('tbody tr').allInnerTexts();
        expect(rows.map((r) => r.replace(/\s*\(you\)/, '').split('\t').slice(0, 3))).toEqual([
          ['1', 'Ivy', '$183.00'],
          ['2', 'Hal', '$160.00'],
          ['3', 'Gia', '$137.00'],
        ]);
      }
      await hal.page.getByTestId('round-results').filter({ hasText: 'no bids, it stays with you' }).waitFor();
      await expectLabelled(ivy.page, 'leaderboard');
      await ivy.screenshot('game-leaderboard');

      // A reload shows the ended game's leaderboard again.
      await gia.page.reload();
      await gia.page.getByTestId('leaderboard').filter({ hasText: 'Ivy' }).waitFor(LONG);
      await gia.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Games' }).click();
      await gia.page.getByRole('link', { name: 'Open Spice run' }).waitFor(LONG);
      await gia.screenshot('games-list');
    };

    try {
      await run();
    } catch (error) {
      await Promise.all(everyone().map((p, i) => p.screenshot(`failure-game-${i}`))).catch(() => undefined);
      const consoleErrors = everyone()
        .flatMap((p) => p.errors)
        .map((e) => e.text)
        .join('\n');
      throw new Error(`${(error as Error).message}\n--- console errors ---\n${consoleErrors}\n--- server output ---\n${server.output().slice(-4000)}`, {
        cause: error,
      });
    }
    expect(everyone().flatMap((p) => p.errors.map((e) => e.text))).toEqual([]);
  });
});
