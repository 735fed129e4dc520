// Helpers of the game tests: a config, a lobby of signed-in players with SDK clients, and a recorder of
// what each client receives (every game event, its private playerState, and the raw packets).
import { events, type CreateGameInput, type EventName, type EventPayload, type GameSnapshot } from '@bidwire/contract';
import type { BidwireClient } from '@bidwire/sdk';
import type { TestServer, TestUser } from './harness.js';

export const SPICES = [
  { item: 'saffron', weight: 0.5, value: 120 },
  { item: 'pepper', weight: 2, value: 15 },
  { item: 'salt', weight: 10, value: 3 },
];
export const START_INVENTORY = [
  { item: 'saffron', quantity: 2 },
  { item: 'pepper', quantity: 5 },
  { item: 'salt', quantity: 10 },
];

export function gameConfig(over: Partial<CreateGameInput> = {}): CreateGameInput {
  return {
    title: 'Spice market',
    maxPlayers: 4,
    maxRounds: 3,
    startMoney: 1_000,
    bidTimeMs: 1_000,
    sellTimeMs: 5_000,
    items: SPICES,
    startInventory: START_INVENTORY,
    ...over,
  };
}

/** The durable and ephemeral events of the game, and the private one. */
export const GAME_EVENTS = [
  'playerJoined', 'playerLeft', 'playerStatusChanged', 'gameStarted', 'roundStarted', 'saleCreated', 'gameBidPlaced',
  'roundEnded', 'gameEnded', 'gameDeleted', 'playerConnected', 'playerDisconnected', 'playerState',
] as const satisfies readonly EventName[];
export type GameEventName = (typeof GAME_EVENTS)[number];

export interface Received {
  event: GameEventName;
  payload: EventPayload<GameEventName>;
}

/**
 * Everything a client's listeners get of the game, in order, with a bounded wait for what is still to come.
 * Each payload is checked against the contract's schema of its event (`invalid` lists what did not match).
 */
export function recorder(client: BidwireClient) {
  const seen: Received[] = [];
  const invalid: string[] = [];
  for (const event of GAME_EVENTS) {
    client.on(event, (payload) => {
      const checked = events[event].payload.safeParse(payload);
      if (!checked.success) invalid.push(`${event}: ${checked.error.message}`);
      seen.push({ event, payload } as Received);
    });
  }
  const of = <K extends GameEventName>(event: K) => seen.filter((r) => r.event === event).map((r) => r.payload as EventPayload<K>);
  return {
    seen,
    invalid,
    of,
    async waitFor<K extends GameEventName>(event: K, predicate: (p: EventPayload<K>) => boolean = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = of(event).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${event}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
export type Recorder = ReturnType<typeof recorder>;

export interface Seat {
  user: TestUser;
  client: BidwireClient;
  rec: Recorder;
  snapshot: GameSnapshot;
}

/**
 * `creator` creates a game; the creator and `others` connect and join it in that order (the seller queue)
 * and say they are ready. Answers the seats in join order.
 */
export async function readyLobby(t: TestServer, names: string[], config: CreateGameInput = gameConfig()) {
  const users = await Promise.all(names.map((n) => t.signIn(n)));
  const game = await users[0]!.rest.createGame({ body: config });
  const seats: Seat[] = [];
  for (const user of users) {
    const client = await user.connect();
    const rec = recorder(client);
    const snapshot = await client.joinGame({ gameId: game.id });
    seats.push({ user, client, rec, snapshot });
  }
  for (const s of seats) await s.client.setReady({ gameId: game.id, ready: true });
  return { game, gameId: game.id, seats };
}

/** A game clock a test moves forward by hand (BuildOptions.gameClock), then runs `maintenance.sweepGames`. */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
    /** Moves the clock to `iso` (or a little past it) unless it is already there. */
    reach(iso: string, pastMs = 1) {
      const gap = Date.parse(iso) + pastMs - (Date.now() + offset);
      if (gap > 0) offset += gap;
    },
  };
}
