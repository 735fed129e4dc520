// Every hook unsubscribes on unmount: a component using all of them is mounted and unmounted 1,000 times
// (and 200 more under StrictMode) on one client, and the client's listeners are counted.
import { createRestClient, type BidwireClient, type RestClient } from '@bidwire/sdk';
import {
  auctionFixture,
  conversationFixture,
  gameFixture,
  gamePlayerFixture,
  gameSnapshotFixture,
  lotFixture,
  snapshotFixture,
  userFixture,
} from '@bidwire/sdk/testing';
import { render, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BidwireProvider,
  useAuction,
  useConnectionState,
  useConversation,
  useConversations,
  useCountdown,
  useGame,
  useNotifications,
  usePresence,
} from '../src/index.js';
import { fakeWorld, tokenOf, type FakeWorld } from './fake.js';

let world: FakeWorld;
beforeEach(() => (world = fakeWorld()));
afterEach(() => world.close());

const SUBSCRIBERS = ['on', 'once', 'onState', 'onSnapshot', 'onConnectError'] as const;

/** The client, with a count of the listeners registered through it and not yet removed. */
function countingListeners(client: BidwireClient) {
  let live = 0;
  let registered = 0;
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'off') throw new Error('hooks must unsubscribe with the function on() returns');
      if (!(SUBSCRIBERS as readonly PropertyKey[]).includes(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const unsubscribe = (value as (...a: unknown[]) => () => void).apply(target, args);
        live++;
        registered++;
        let done = false;
        return () => {
          if (!done) live--;
          done = true;
          unsubscribe();
        };
      };
    },
  });
  return { client: proxy, live: () => live, registered: () => registered };
}

function Everything({ auctionId, conversationId, gameId, endsAt, people }: { auctionId: string; conversationId: string; gameId: string; endsAt: string | null; people: string[] }) {
  const auction = useAuction(auctionId);
  const game = useGame(gameId);
  const countdown = useCountdown(endsAt);
  const conversation = useConversation(conversationId);
  const conversations = useConversations();
  const notifications = useNotifications();
  const presence = usePresence(people);
  const state = useConnectionState();
  return (
    <p>
      {auction.status} {game.status} {countdown.label} {conversation.messages.length} {conversations.conversations.length}{' '}
      {notifications.unreadCount} {Object.keys(presence).length} {state}
    </p>
  );
}

describe('listeners', () => {
  it('hooks leave no listener behind after 1,000 mounts and unmounts', async () => {
    const alice = userFixture({ id: 'alice', name: 'Alice' });
    const bob = userFixture({ id: 'bob', name: 'Bob' });
    const lot = lotFixture({ auctionId: 'a1', endsAt: new Date(Date.now() + 600_000).toISOString() });
    const { server, api } = world;
    server.handle('joinAuction', () => snapshotFixture({ auction: auctionFixture({ id: 'a1', owner: bob }), lot }));
    server.handle('leaveAuction', {});
    server.handle('joinConversation', () => ({ conversation: conversationFixture({ participants: [alice, bob] }), recentMessages: [], seq: 0 }));
    server.handle('leaveConversation', {});
    server.handle('joinGame', () => gameSnapshotFixture({ game: gameFixture({ id: 'g1', creator: bob }), players: [gamePlayerFixture({ player: alice })] }));
    server.handle('getPresence', ({ userIds }) => ({ presence: userIds.map((userId) => ({ userId, status: 'online' as const, lastSeenAt: null })) }));
    api.handle('listConversations', { items: [], nextCursor: null });
    api.handle('listNotifications', { items: [], nextCursor: null });
    api.handle('unreadNotificationCount', { unreadCount: 0 });
    const props = { auctionId: 'a1', conversationId: 'conversation-1', gameId: 'g1', endsAt: lot.endsAt, people: [alice.id, bob.id] };
    const tree = (client: BidwireClient, rest: RestClient, strict: boolean) => {
      const provided = (
        <BidwireProvider client={client} rest={rest} user={{ id: alice.id }}>
          <Everything {...props} />
        </BidwireProvider>
      );
      return strict ? <StrictMode>{provided}</StrictMode> : provided;
    };

    // Connected: one mount that settles fully shows the component does listen (so the count can go wrong),
    // then quick cycles whose joins and reads are answered after the unmount.
    const rest = api.client({ token: tokenOf(alice) });
    const online = countingListeners(world.client(alice));
    const once = render(tree(online.client, rest, false));
    await waitFor(() => expect(once.container.textContent).toContain('joined joined'));
    const perMount = online.live();
    expect(perMount).toBeGreaterThanOrEqual(30);
    once.unmount();
    expect(online.live()).toBe(0);
    for (let i = 0; i < 50; i++) render(tree(online.client, rest, i % 2 === 0)).unmount();
    expect(online.live()).toBe(0);

    // The 1,000 cycles on a client that is offline (commands fail at once, REST finds no network), so the
    // loop measures the hooks' bookkeeping rather than queueing thousands of requests.
    const offline = countingListeners(world.client(alice, { autoConnect: false }));
    const noNetwork = createRestClient({ baseUrl: api.baseUrl, token: tokenOf(alice), fetch: () => Promise.reject(new TypeError('offline')) });
    for (let i = 0; i < 1_000; i++) render(tree(offline.client, noNetwork, false)).unmount();
    for (let i = 0; i < 200; i++) render(tree(offline.client, noNetwork, true)).unmount();
    expect(offline.registered()).toBeGreaterThanOrEqual(1_200 * perMount);
    expect(offline.live()).toBe(0);

    // Late answers (joins, reads, failures) must not subscribe again, and the rooms joined are left (the game
    // room stays: leaving it would take the player out of the game, see useGame).
    await new Promise((r) => setTimeout(r, 500));
    expect(online.live()).toBe(0);
    expect(offline.live()).toBe(0);
    await waitFor(() => expect(server.commandsOf('leaveAuction').length).toBeGreaterThan(0));
    await waitFor(() => expect(server.commandsOf('leaveConversation').length).toBeGreaterThan(0));
    expect(server.commandsOf('leaveGame')).toEqual([]);
  }, 60_000);
});
