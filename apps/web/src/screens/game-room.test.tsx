// The game screens in jsdom against the SDK test kit (an in-memory fake server and REST API made from the
// contract, real SDK clients): the lobby's ready and start, the seller's form and its limits, bidding with the
// minimum, a shared position on the leaderboard, a game that cannot be joined.
import { BidwireProvider } from '@bidwire/react';
import type { BidwireClient, Game, GamePlayer, Holdings } from '@bidwire/sdk';
import {
  createFakeRest,
  createFakeServer,
  createTestClient,
  gameFixture,
  gamePlayerFixture,
  gameSnapshotFixture,
  holdingsFixture,
  userFixture,
  type FakeRest,
  type FakeServer,
} from '@bidwire/sdk/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GameRoom } from './game-room.js';

const ada = userFixture({ id: 'ada', name: 'Ada' });
const bo = userFixture({ id: 'bo', name: 'Bo' });
const cy = userFixture({ id: 'cy', name: 'Cy' });
const GAME = 'g1';
const room = { type: 'game', id: GAME } as const;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

let server: FakeServer;
let api: FakeRest;
let clients: BidwireClient[];
beforeEach(() => {
  server = createFakeServer();
  api = createFakeRest();
  clients = [];
});
afterEach(() => {
  cleanup();
  for (const c of clients) c.close();
  server.close();
  api.close();
});

/** joinGame answers this game (as of the room's last seq); Ada is signed in. */
function openGame(game: Partial<Game>, players: GamePlayer[], you: Holdings | null = holdingsFixture()) {
  server.handle('joinGame', () =>
    gameSnapshotFixture({ game: gameFixture({ id: GAME, creator: ada, playerCount: players.length, ...game }), players, you, seq: server.lastSeq(room) }),
  );
  renderRoom();
}

/** The game room as Ada sees it, on a test client of the fake server. */
function renderRoom() {
  const { client } = createTestClient({ server, token: 'token-ada' });
  clients.push(client);
  render(
    <BidwireProvider client={client} rest={api.client()} user={ada}>
      <GameRoom id={GAME} />
    </BidwireProvider>,
  );
}

describe('game screens (test kit)', () => {
  it('lobby: ready, then the creator starts once everyone is', async () => {
    server.handle('setReady', {});
    server.handle('startGame', () => ({ game: gameFixture({ id: GAME, creator: ada, status: 'running', playerCount: 2 }) }));
    openGame({}, [gamePlayerFixture({ player: ada }), gamePlayerFixture({ player: bo, connected: false })]);
    await screen.findByRole('heading', { name: 'Lobby' });
    expect(screen.getByRole('img', { name: 'Bo is disconnected' })).toBeTruthy();
    const start = screen.getByRole('button', { name: 'Start game' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'I’m ready' }));
    expect(await server.nextCommand('setReady')).toEqual({ gameId: GAME, ready: true });
    for (const p of [ada, bo]) server.emit('playerStatusChanged', { gameId: GAME, playerId: p.id, status: 'ready' });
    await waitFor(() => expect(start.disabled).toBe(false));
    expect(screen.getByRole('button', { name: 'I’m not ready' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(start);
    expect(await server.nextCommand('startGame')).toEqual({ gameId: GAME });
  });

  it('the seller’s form offers what I hold, refuses an empty bundle, and sends the chosen items', async () => {
    server.handle('sell', ({ gameId, items }) => ({
      sale: { gameId, round: 1, sellerId: ada.id, items, weight: 1, endsAt: inSeconds(5), createdAt: new Date().toISOString() },
    }));
    openGame(
      { status: 'running', round: 1, phase: 'selling', sellerId: ada.id, endsAt: inSeconds(30) },
      [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' })],
      holdingsFixture({ inventory: [{ item: 'saffron', quantity: 3 }, { item: 'pepper', quantity: 0 }] }),
    );
    const saffron = (await screen.findByLabelText(/saffron/)) as HTMLInputElement;
    expect(saffron.max).toBe('3');
    expect(screen.queryByLabelText(/pepper/)).toBeNull(); // none held: nothing to offer
    expect(screen.getByTestId('countdown').textContent).toMatch(/^0:(29|30)$/);

    fireEvent.click(screen.getByRole('button', { name: 'Put up for sale' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one item to sell.');
    fireEvent.change(saffron, { target: { value: '2' } });
    expect(screen.getByTestId('sale-weight').textContent).toContain('weight: 1');
    fireEvent.submit(saffron.form!);
    expect(await server.nextCommand('sell')).toEqual({ gameId: GAME, items: [{ item: 'saffron', quantity: 2 }] });
    server.emit('saleCreated', { gameId: GAME, round: 1, sellerId: ada.id, weight: 1, endsAt: inSeconds(5) });
    expect((await screen.findByTestId('my-sale')).textContent).toContain('You are selling 2 × saffron');
    expect(screen.queryByRole('button', { name: 'Bid' })).toBeNull(); // the seller does not bid
  });

  it('bidding: the minimum is prefilled and follows the highest bid; the server’s refusal is shown', async () => {
    server.handle('gameBid', (_p, { fail }) => fail('BID_TOO_LOW', 'Bid must be higher than the current bid (500)', { minimumBid: 501 }));
    openGame(
      { status: 'running', round: 1, phase: 'bidding', sellerId: bo.id, endsAt: inSeconds(30), sale: { sellerId: bo.id, weight: 2.5, endsAt: inSeconds(30) } },
      [gamePlayerFixture({ player: ada, status: 'playing' }), gamePlayerFixture({ player: bo, status: 'playing' }), gamePlayerFixture({ player: cy, status: 'playing' })],
    );
    const amount = (await screen.findByLabelText('Your bid (USD)')) as HTMLInputElement;
    expect(amount.value).toBe('0.01');
    expect(screen.getByTestId('bundle-weight').textContent).toBe('2.5');
    server.emit('gameBidPlaced', { gameId: GAME, round: 1, playerId: cy.id, amount: 500, endsAt: inSeconds(30) });
    await waitFor(() => expect(amount.value).toBe('5.01'));
    expect(screen.getByTestId('game-highest-bid').textContent).toBe('$5.00 by Cy');
    // Other players show their money and item count only.
    expect(within(screen.getByTestId('players')).getAllByTestId('player-holdings').map((e) => e.textContent)).toEqual(Array(3).fill('$10.00 · 5 items'));

    fireEvent.change(amount, { target: { value: '5.00' } });
    fireEvent.submit(amount.form!);
    expect((await screen.findByRole('alert')).textContent).toBe('Bid must be higher than the current bid (500)');
    expect(await server.nextCommand('gameBid')).toMatchObject({ gameId: GAME, amount: 500 });
  });

  it('the leaderboard shows shared positions (1, 1, 3) and the removed players apart', async () => {
    server.emit(
      'gameEnded',
      {
        gameId: GAME,
        leaderboard: [
          { player: bo, money: 1200, inventory: [], score: 1500, position: 1 },
          { player: ada, money: 900, inventory: [{ item: 'saffron', quantity: 5 }], score: 1500, position: 1 },
          { player: cy, money: 1000, inventory: [], score: 1000, position: 3 },
        ],
        removed: [{ player: userFixture({ id: 'dee', name: 'Dee' }), money: 800, inventory: [], score: 800 }],
      },
      { to: [] },
    );
    openGame({ status: 'ended', round: 3 }, [ada, bo, cy].map((player) => gamePlayerFixture({ player, status: 'playing' })));
    const table = await screen.findByTestId('leaderboard');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').concat(within(r).getAllByRole('rowheader')));
    expect(rows.map((cells) => [cells[0]!.textContent, cells.at(-1)!.textContent])).toEqual([
      ['1', 'Bo'],
      ['1', 'Ada (you)'],
      ['3', 'Cy'],
    ]);
    expect(screen.getByTestId('removed-players').textContent).toContain('Dee ($8.00)');
  });

  it('a game that started without me says why', async () => {
    server.handle('joinGame', (_p, { fail }) => fail('INVALID_STATE', 'The game has already started.'));
    api.handle('getGame', gameFixture({ id: GAME, title: 'Spice run', creator: bo, status: 'running', playerCount: 2 }));
    renderRoom();
    expect((await screen.findByTestId('not-joinable')).textContent).toContain('The game has already started.');
    expect(screen.getByRole('heading', { name: 'Spice run' })).toBeTruthy();
  });
});
