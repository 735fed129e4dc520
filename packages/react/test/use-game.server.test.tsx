// useGame against a real server: a whole one-round game between two hooks (lobby, start, sale, bid, the round
// settled by the server's timer, private holdings, the leaderboard), and a stranger kept out once it runs.
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useGame } from '../src/index.js';
import { realBackend } from './backend.js';
import { renderAs } from './render.js';

const backend = realBackend();
afterEach(() => backend.closeAll());

describe('useGame (real server)', () => {
  it('plays a one-round game from the lobby to the leaderboard', async () => {
    const [ada, bo, cy] = await Promise.all(['Ada', 'Bo', 'Cy'].map((n) => backend.signIn(n)));
    const game = await ada!.rest.createGame({
      body: {
        title: 'Quick trade',
        maxPlayers: 2,
        maxRounds: 1,
        startMoney: 1000,
        bidTimeMs: 1000,
        items: [{ item: 'saffron', weight: 0.5, value: 100 }],
        startInventory: [{ item: 'saffron', quantity: 4 }],
      },
    });
    const a = renderAs(ada!, await ada!.connect(), () => useGame(game.id));
    const b = renderAs(bo!, await bo!.connect(), () => useGame(game.id));
    await waitFor(() => expect(a.result.current.players.map((p) => p.player.name)).toEqual(['Ada', 'Bo']));
    expect(a.result.current).toMatchObject({ isCreator: true, you: { money: 1000, inventory: [{ item: 'saffron', quantity: 4 }] } });

    // Full now: a third person sees why, with the game from REST.
    const c = renderAs(cy!, await cy!.connect(), () => useGame(game.id));
    await waitFor(() => expect(c.result.current.status).toBe('not-joinable'));
    expect(c.result.current.error?.message).toBe('The game is full.');

    await expect(a.result.current.start()).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'Every player must be ready: Ada, Bo are not.' });
    await act(() => a.result.current.setReady(true));
    await act(() => b.result.current.setReady(true));
    await waitFor(() => expect(a.result.current.canStart).toBe(true));
    await act(async () => void (await a.result.current.start()));

    await waitFor(() => expect(a.result.current.canSell).toBe(true));
    expect(b.result.current.seller?.name).toBe('Ada');
    await act(async () => void (await a.result.current.sell([{ item: 'saffron', quantity: 3 }])));
    await waitFor(() => expect(b.result.current.canBid).toBe(true));
    expect(b.result.current.game?.sale?.weight).toBe(1.5);
    await act(async () => void (await b.result.current.bid(b.result.current.minimumBid!)));
    await expect(b.result.current.bid(1)).rejects.toMatchObject({ code: 'BID_TOO_LOW' });
    await expect(b.result.current.bid(5000)).rejects.toMatchObject({ code: 'INVALID_STATE' });

    // The server settles the round a second after the last bid, then ends the one-round game.
    await waitFor(() => expect(b.result.current.standings).not.toBeNull(), { timeout: 10_000 });
    expect(b.result.current.lastResult).toMatchObject({ round: 1, winnerId: bo!.id, amount: 1, sale: { items: [{ item: 'saffron', quantity: 3 }] } });
    expect(b.result.current.you).toEqual({ money: 999, inventory: [{ item: 'saffron', quantity: 7 }] });
    await waitFor(() => expect(a.result.current.you).toEqual({ money: 1001, inventory: [{ item: 'saffron', quantity: 1 }] }));
    expect(b.result.current.standings?.map((s) => [s.player.name, s.score, s.position])).toEqual([
      ['Bo', 1699, 1],
      ['Ada', 1101, 2],
    ]);

    // Opened again later (a reload): the leaderboard is still there.
    a.unmount();
    const again = renderAs(ada!, await ada!.connect(), () => useGame(game.id));
    await waitFor(() => expect(again.result.current.standings?.map((s) => s.player.name)).toEqual(['Bo', 'Ada']));
  });
});
