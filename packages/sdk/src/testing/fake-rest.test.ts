// The fake REST API: a real REST client reaches scripted handlers through the contract's routes; bad
// requests get the server's VALIDATION_FAILED, errors keep their code and status, and answers that break
// the contract are caught.
import { BidwireError } from '@bidwire/sdk';
import { describe, expect, test, vi } from 'vitest';
import { createFakeRest } from './fake-rest.js';
import { gameFixture } from './game-fixtures.js';

describe('fake REST API', () => {
  test('routes by method and path, with params, query, body and the token', async () => {
    const api = createFakeRest();
    api.handle('getGame', ({ params, token }) => gameFixture({ id: params.id, title: `for ${token}` }));
    api.handle('listGames', ({ query }) => ({ items: [gameFixture({ status: query.status ?? 'lobby' })], nextCursor: null }));
    api.handle('createGame', ({ body }) => gameFixture({ title: body.title, sellTimeMs: body.sellTimeMs }));
    api.handle('deleteGame', null);
    const rest = api.client({ token: 't1' });

    await expect(rest.getGame({ params: { id: 'g 7' } })).resolves.toMatchObject({ id: 'g 7', title: 'for t1' });
    await expect(rest.listGames({ query: { status: 'running' } })).resolves.toMatchObject({ items: [{ status: 'running' }] });
    const { items } = gameFixture();
    const created = await rest.createGame({
      body: { title: 'New', maxPlayers: 2, maxRounds: 1, startMoney: 10, bidTimeMs: 1000, items, startInventory: [] },
    });
    // The handler saw the body with the contract's defaults applied.
    expect(created).toMatchObject({ title: 'New', sellTimeMs: 30_000 });
    await expect(rest.deleteGame({ params: { id: 'g1' } })).resolves.toBeNull();
    expect(api.received.map((r) => r.route)).toEqual(['getGame', 'listGames', 'createGame', 'deleteGame']);
    expect(api.requestsOf('createGame')[0]).toMatchObject({ method: 'POST', token: 't1', body: { title: 'New' } });
    api.close();
  });

  test('refuses a bad request like the server, and answers a failure with its code and status', async () => {
    const api = createFakeRest();
    api.handle('createGame', () => gameFixture());
    api.handle('getGame', ({ fail }) => fail('NOT_FOUND', 'Game not found.'));
    const rest = api.client();
    const bad = await rest.createGame({ body: { title: '' } as never }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BidwireError);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect((bad as BidwireError).details).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: 'body.title' })]) });
    await expect(rest.getGame({ params: { id: 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Game not found.' });
    api.close();
  });

  test('an unscripted route says what to add; an answer that breaks the contract fails close()', async () => {
    const api = createFakeRest();
    const rest = api.client();
    await expect(rest.listAuctions()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining("rest.handle('listAuctions'") });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.handle('getGame', { id: 'g1' } as never);
    await expect(rest.getGame({ params: { id: 'g1' } })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(() => api.close()).toThrow(/broke the contract/);
  });
});
