// Every game fixture is what the server could send: parsed by its contract schema, it comes back unchanged.
import { Game, GamePlayer, GameSnapshot, Holdings } from '@bidwire/contract';
import { describe, expect, test } from 'vitest';
import * as f from './game-fixtures.js';

describe('game fixtures', () => {
  test.each([
    ['gameFixture', Game, f.gameFixture()],
    ['gamePlayerFixture', GamePlayer, f.gamePlayerFixture()],
    ['holdingsFixture', Holdings, f.holdingsFixture()],
    ['gameSnapshotFixture', GameSnapshot, f.gameSnapshotFixture({ players: [f.gamePlayerFixture()], you: f.holdingsFixture() })],
  ] as const)('%s matches its schema', (_name, schema, value) => {
    expect((schema as { parse(v: unknown): unknown }).parse(value)).toEqual(value);
  });

  test('overrides replace fields', () => {
    expect(f.gameFixture({ status: 'running', round: 2 })).toMatchObject({ status: 'running', round: 2 });
  });
});
