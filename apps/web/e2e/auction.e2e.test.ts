// A whole auction in Chromium, owner and bidder in two browser contexts against the built server:
// sign in, create and start an auction, a timed lot that closes by itself on both pages, chat with typing
// and a read receipt, a notification from the publish API in the bell, the server killed and restarted
// mid-auction (both pages show they are reconnecting, then the bids they missed, without a reload), and the
// bidder outbid by a maximum, then leading with his own.
import type { BidwireClient } from '@bidwire/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, runnable, type TestPage } from './support/browser.js';
import { expectLabelled, expectSameCountdown, LONG, networkErrorsOutside, signIn, signInSdk, userIdOf } from './support/pages.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

describe.runIf(runnable)('the demo app in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let owner: TestPage;
  let bidder: TestPage;
  const sdkClients: BidwireClient[] = [];
  /** When console errors are expected: the server is down on purpose. */
  const outages: Array<{ from: number; to: number }> = [];

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launch();
    owner = await openPage(browser, 'owner');
    bidder = await openPage(browser, 'bidder');
  });

  afterAll(async () => {
    for (const c of sdkClients) c.close();
    await browser?.close();
    await server?.dispose();
  });

  it('runs an auction with two people, chat, a notification and a server restart', async () => {
    const run = async () => {
      // Sign in (the dev code is on the screen), one person per browser context.
      await signIn(owner, server.url, '+15550100001', 'Olivia', 'sign-in');
      await signIn(bidder, server.url, '+15550100002', 'Ben');
      await expectLabelled(owner.page, 'auctions list');

      // The owner creates and starts an auction.
      await owner.page.getByRole('link', { name: 'New auction' }).first().click();
      await owner.page.getByLabel('Title').fill('Spice market');
      await owner.page.getByLabel('Description').fill('Fresh from the harbour.');
      await expectLabelled(owner.page, 'create');
      await owner.screenshot('create-auction');
      await owner.page.getByRole('button', { name: 'Create auction' }).click();
      await owner.page.getByRole('heading', { name: 'Owner’s console' }).waitFor();
      const auctionPath = new URL(owner.page.url()).pathname;
      expect(auctionPath).toMatch(/^\/room\/.+/);
      await owner.page.getByRole('button', { name: 'Start auction' }).click();
      await owner.page.getByTestId('broadcaster').filter({ hasText: 'Olivia is broadcasting live' }).waitFor(LONG);

      // The bidder finds it in the list, filtered to live auctions.
      await bidder.page.getByLabel('Status').selectOption('live');
      await bidder.page.getByRole('link', { name: /Spice market/ }).waitFor(LONG);
      await bidder.screenshot('auctions-list');
      await bidder.page.getByRole('link', { name: /Spice market/ }).click();
      await bidder.page.getByTestId('broadcaster').filter({ hasText: 'Olivia is broadcasting live' }).waitFor(LONG);
      await owner.page.getByTestId('viewers').filter({ hasText: '2 watching' }).waitFor(LONG);

      // A timed lot: it closes by itself at the end of the countdown, on both pages.
      await owner.page.getByLabel('Product').fill('Saffron, 10 g');
      await owner.page.getByLabel('Starting price').fill('10.00');
      await owner.page.getByLabel('Minimum increment').fill('1.00');
      await owner.page.getByLabel('Duration in seconds').fill('15');
      await owner.page.getByLabel('Soft close in seconds').fill('0');
      await expectLabelled(owner.page, 'owner console');
      await owner.page.getByRole('button', { name: 'Open lot' }).click();
      await bidder.page.getByRole('heading', { name: 'Saffron, 10 g' }).waitFor(LONG);
      await bidder.page.getByTestId('minimum-bid').filter({ hasText: '$10.00' }).waitFor();
      await expectSameCountdown(owner.page, bidder.page);

      // The bid form works with the keyboard: the amount is prefilled with the minimum, Enter bids.
      const amount = bidder.page.getByLabel('Your bid (USD)');
      await amount.focus();
      await bidder.page.keyboard.press('Enter');
      await bidder.page.getByTestId('standing').filter({ hasText: 'You lead' }).waitFor(LONG);
      await owner.page.getByTestId('highest-bid').filter({ hasText: '$10.00' }).waitFor(LONG);
      await owner.page.getByTestId('bid-history').filter({ hasText: 'Ben' }).waitFor();
      // The leader's box raises his maximum instead (a refused bid is shown further down).
      await bidder.page.getByLabel('New maximum (USD)').waitFor();
      await expectLabelled(bidder.page, 'live room');
      await bidder.screenshot('live-room-bidder');
      await owner.screenshot('live-room-owner');
      await bidder.page.getByTestId('lot-result').filter({ hasText: 'Sold to you for $10.00' }).waitFor({ timeout: 25_000 });
      await owner.page.getByTestId('lot-result').filter({ hasText: 'Sold to Ben for $10.00' }).waitFor(LONG);
      await owner.screenshot('lot-closed-owner');

      // Chat: the bidder writes to the seller; typing, unread count, read receipt, presence.
      await bidder.page.getByRole('button', { name: 'Message the seller' }).click();
      const bidderBox = bidder.page.getByRole('textbox', { name: 'Message' });
      await bidderBox.fill('Hello! Is the saffron fresh?');
      await bidderBox.press('Enter');
      await bidder.page.getByTestId('messages').filter({ hasText: 'Is the saffron fresh?' }).waitFor(LONG);
      await owner.page.getByRole('link', { name: 'Chat, 1 unread' }).waitFor(LONG);
      await owner.page.getByRole('link', { name: 'Chat, 1 unread' }).click();
      await owner.page.getByTestId('unread').filter({ hasText: '1' }).waitFor(LONG);
      await owner.page.getByRole('img', { name: 'Ben is online' }).first().waitFor(LONG);
      await owner.screenshot('chat-list');
      await owner.page.getByRole('link', { name: /Ben/ }).click();
      await owner.page.getByTestId('messages').filter({ hasText: 'Is the saffron fresh?' }).waitFor(LONG);
      await bidder.page.getByTestId('read-receipt').filter({ hasText: 'Seen by Olivia' }).waitFor(LONG);
      const ownerBox = owner.page.getByRole('textbox', { name: 'Message' });
      await ownerBox.pressSequentially('Picked this', { delay: 20 });
      await bidder.page.getByTestId('typing').filter({ hasText: 'Olivia is typing…' }).waitFor(LONG);
      await bidder.screenshot('chat-typing');
      await ownerBox.pressSequentially(' morning.', { delay: 20 });
      await ownerBox.press('Enter');
      await bidder.page.getByTestId('messages').filter({ hasText: 'Picked this morning.' }).waitFor(LONG);
      await bidder.page.getByTestId('typing').filter({ hasText: /^$/ }).waitFor(LONG);
      await owner.page.getByTestId('read-receipt').filter({ hasText: 'Seen by Ben' }).waitFor(LONG);
      await expectLabelled(owner.page, 'chat');
      await owner.screenshot('chat-conversation');

      // A marketplace event published by another service shows in the bell.
      const bidderId = await userIdOf(bidder.page);
      const published = await fetch(`${server.url}/internal/v1/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.serviceKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          event: 'levelUp',
          payload: { userId: bidderId, level: 2, previousLevel: 1 },
          to: { users: [bidderId] },
          notify: { title: 'Level up!', body: 'You reached level 2.' },
        }),
      });
      expect(published.status).toBe(200);
      const bell = bidder.page.getByRole('button', { name: 'Notifications, 1 unread' });
      await bell.waitFor(LONG);
      await bell.click();
      await bidder.page.getByRole('region', { name: 'Notifications' }).filter({ hasText: 'Level up!' }).waitFor();
      await expectLabelled(bidder.page, 'notifications');
      await bidder.screenshot('notifications');
      await bidder.page.getByRole('button', { name: 'Mark all read' }).click();
      await bidder.page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor(LONG);
      await bidder.page.getByRole('button', { name: 'Notifications, 0 unread' }).click();

      // Back to the room for a second lot, then the server dies mid-auction.
      for (const p of [owner, bidder]) {
        await p.page.getByRole('link', { name: 'Auctions' }).click();
        await p.page.getByRole('link', { name: /Spice market/ }).click();
      }
      await owner.page.getByLabel('Product').fill('Black pepper, 1 kg');
      await owner.page.getByLabel('Starting price').fill('2.00');
      await owner.page.getByRole('button', { name: 'Open lot' }).click();
      await bidder.page.getByRole('heading', { name: 'Black pepper, 1 kg' }).waitFor(LONG);
      await bidder.page.getByRole('button', { name: 'Place bid' }).click();
      await owner.page.getByTestId('highest-bid').filter({ hasText: '$2.00' }).waitFor(LONG);
      // Marks the documents: a reload would lose them.
      for (const p of [owner, bidder]) await p.page.evaluate(() => ((window as unknown as { e2eMark: number }).e2eMark = 42));

      const outage = { from: Date.now(), to: Number.POSITIVE_INFINITY };
      outages.push(outage);
      await server.kill();
      for (const p of [owner, bidder]) await p.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor(LONG);
      await bidder.screenshot('reconnecting');
      // Keep the pages off the network while the server comes back and a third person bids, so those bids
      // are certainly missed and must come back through the SDK's resync.
      for (const p of [owner, bidder]) await p.context.setOffline(true);
      await server.start();
      const carla = await signInSdk(server.url, '+15550100003', 'Carla');
      sdkClients.push(carla);
      const auctionId = auctionPath.split('/').pop()!;
      await carla.joinAuction({ auctionId });
      await carla.placeBid({ auctionId, amount: 300 });
      await carla.postComment({ auctionId, text: 'Sorry Ben!' });
      await carla.placeBid({ auctionId, amount: 400 });
      // The pages were away for all of it: what they show next comes from the catch-up, not live events.
      for (const p of [owner, bidder]) {
        expect(await p.page.locator('[data-connection="reconnecting"]').count()).toBe(1);
        expect(await p.page.getByTestId('highest-bid').innerText()).toBe('$2.00');
      }
      for (const p of [owner, bidder]) await p.context.setOffline(false);

      for (const p of [owner, bidder]) {
        await p.page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
        await p.page.getByTestId('highest-bid').filter({ hasText: '$4.00' }).waitFor(LONG);
        await p.page.getByTestId('bid-count').filter({ hasText: '3' }).waitFor();
        expect(await p.page.getByTestId('bid-history').locator('li').allInnerTexts()).toEqual([
          expect.stringMatching(/^Carla\s+\$4\.00/),
          expect.stringMatching(/^Carla\s+\$3\.00/),
          expect.stringMatching(/^(Ben|You)\s+\$2\.00/),
        ]);
        await p.page.getByText('Sorry Ben!').waitFor();
        // Viewer counts are not replayed (ephemeral): the page still ends up with the right one.
        await p.page.getByTestId('viewers').filter({ hasText: '3 watching' }).waitFor(LONG);
        expect(await p.page.evaluate(() => (window as unknown as { e2eMark?: number }).e2eMark)).toBe(42);
        // Replayed bids update the page silently: no toast about them.
        expect(await p.page.getByTestId('toast').filter({ hasText: 'Carla' }).count()).toBe(0);
      }
      outage.to = Date.now();
      await bidder.page.getByTestId('standing').filter({ hasText: 'You have been outbid' }).waitFor();
      await bidder.screenshot('after-restart-bidder');
      await owner.screenshot('after-restart-owner');

      // Live again, and outbid by a maximum: Carla, leading at $4.00, raises her maximum to $8.00 (no bid is
      // placed); the bidder's $5.00 (the owner gets a toast for it) is answered at once by an automatic $6.00.
      await carla.placeBid({ auctionId, amount: 400, maxAmount: 800 });
      await bidder.page.getByRole('button', { name: 'Place bid' }).click();
      await owner.page.getByTestId('toast').filter({ hasText: 'Ben bid $5.00' }).waitFor(LONG);
      for (const p of [owner, bidder]) {
        await p.page.getByTestId('highest-bid').filter({ hasText: '$6.00' }).waitFor(LONG);
        await p.page.getByTestId('bid-history').locator('li').first().filter({ hasText: /^Carla\s*auto\s*\$6\.00/ }).waitFor(LONG);
      }
      await bidder.page.getByTestId('standing').filter({ hasText: 'You have been outbid by a maximum bid' }).waitFor(LONG);
      await bidder.page.getByTestId('toast').filter({ hasText: 'You have been outbid: the highest bid is $6.00' }).waitFor(LONG);
      await bidder.screenshot('outbid-by-maximum');
      // A refused bid shows the server's sentence.
      const amount2 = bidder.page.getByLabel('Your bid (USD)');
      await amount2.fill('6.00');
      await amount2.press('Enter');
      await bidder.page.getByRole('alert').filter({ hasText: 'Bid must be higher than the current bid (600)' }).waitFor(LONG);

      // The bidder answers with a maximum of his own, from the keyboard: $7.00 up to $12.00. The server bids
      // for him just past Carla's maximum, $9.00; Carla is told she was outbid.
      await amount2.fill('7.00');
      const maximum = bidder.page.getByLabel('Your maximum (USD)');
      await maximum.fill('12.00');
      const carlaOutbid = carla.waitFor('outbid', (e) => e.auctionId === auctionId && e.highestBid === 900, 20_000);
      await maximum.press('Enter');
      await bidder.page.getByTestId('standing').filter({ hasText: 'You lead' }).waitFor(LONG);
      await bidder.page.getByTestId('my-maximum').filter({ hasText: 'Your maximum: $12.00' }).waitFor(LONG);
      await owner.page.getByTestId('highest-bid').filter({ hasText: '$9.00' }).waitFor(LONG);
      await carlaOutbid;
      // The owner never sees anyone's maximum.
      expect(await owner.page.getByText('$12.00').count()).toBe(0);
      // As the leader he can raise it: no new bid.
      await expectLabelled(bidder.page, 'live room, leading');
      await bidder.page.getByLabel('New maximum (USD)').fill('15.00');
      await bidder.page.getByLabel('New maximum (USD)').press('Enter');
      await bidder.page.getByTestId('my-maximum').filter({ hasText: 'Your maximum: $15.00' }).waitFor(LONG);
      await bidder.screenshot('maximum-bid-leading');
      expect(await bidder.page.getByTestId('bid-count').innerText()).toBe('7');

      // The owner awards the lot to the leader at the price his maximum reached.
      await owner.page.getByRole('button', { name: 'Award lot' }).click();
      await bidder.page.getByTestId('lot-result').filter({ hasText: 'Sold to you for $9.00' }).waitFor(LONG);

      // Sign out.
      await bidder.page.getByRole('button', { name: 'Sign out' }).click();
      await bidder.page.getByLabel('Phone number').waitFor();
      await bidder.screenshot('signed-out');
    };

    try {
      await run();
    } catch (error) {
      await Promise.all([owner.screenshot('failure-owner'), bidder.screenshot('failure-bidder')]).catch(() => undefined);
      const consoleErrors = [...owner.errors, ...bidder.errors].map((e) => e.text).join('\n');
      throw new Error(`${(error as Error).message}\n--- console errors ---\n${consoleErrors}\n--- server output ---\n${server.output().slice(-4000)}`, {
        cause: error,
      });
    }

    // No console errors, except the browser's own network errors while the server was down on purpose.
    expect(networkErrorsOutside([...owner.errors, ...bidder.errors], outages)).toEqual([]);
  });
});
